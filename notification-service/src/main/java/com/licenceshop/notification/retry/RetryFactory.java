package com.licenceshop.notification.retry;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
class RetryFactory {

    @Singleton
    RetrySchedule retrySchedule(RetryConfiguration configuration) {
        return new RetrySchedule(configuration.delays());
    }

    @Singleton
    RetryPolicy retryPolicy(RetrySchedule schedule, Clock clock) {
        return new RetryPolicy(schedule, clock);
    }
}
