package com.licenceshop.provider;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
class ProviderFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
