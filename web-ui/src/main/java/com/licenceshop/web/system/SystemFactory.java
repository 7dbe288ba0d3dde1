package com.licenceshop.web.system;

import com.licenceshop.events.Topology;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
class SystemFactory {

    /** "Now" comes from here, so tests can pin it. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The queue names the ops console shows depths for. */
    @Singleton
    Topology topology(@Value("${shop.namespace}") String namespace) {
        return new Topology(namespace);
    }
}
