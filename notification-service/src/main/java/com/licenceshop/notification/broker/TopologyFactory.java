package com.licenceshop.notification.broker;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.Topology;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

@Factory
class TopologyFactory {

    /** Every exchange and queue name, prefixed with {@code shop.namespace} ({@code SHOP_NAMESPACE}). */
    @Singleton
    Topology topology(@Value("${shop.namespace}") String namespace) {
        return new Topology(namespace);
    }

    @Singleton
    EventCodec eventCodec(ObjectMapper mapper) {
        return new EventCodec(mapper);
    }
}
