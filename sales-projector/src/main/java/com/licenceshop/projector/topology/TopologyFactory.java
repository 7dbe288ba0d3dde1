package com.licenceshop.projector.topology;

import com.licenceshop.events.Topology;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

@Factory
class TopologyFactory {

    @Singleton
    Topology topology(@Value("${shop.namespace}") String namespace) {
        return new Topology(namespace);
    }
}
