package com.licenceshop.servicedefaults;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.Topology;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The beans every service needs the same way; declared only here (ArchitectureRules guards that). */
@Factory
class ServiceDefaults {

    /** "Now" comes from here, so tests can pin it. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Every exchange and queue name, prefixed with {@code shop.namespace} ({@code SHOP_NAMESPACE}). */
    @Singleton
    Topology topology(@Value("${shop.namespace}") String namespace) {
        return new Topology(namespace);
    }

    /** Which process this is (GET /instance, X-Instance-Id, the broker connection's name); fixed at start. */
    @Singleton
    InstanceId instanceId(@Value("${micronaut.application.name}") String service, Clock clock) {
        return InstanceId.of(service, clock.instant());
    }

    /** The codec with the application's mapper, so every event is read and written the same way. */
    @Singleton
    EventCodec eventCodec(ObjectMapper mapper) {
        return new EventCodec(mapper);
    }
}
