package com.licenceshop.notification.retry;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
class RetryFactory {

    @Singleton
    DelaySchedule retrySchedule(RetryConfig config) {
        return new DelaySchedule(config.delays());
    }

    @Singleton
    RetryPolicy retryPolicy(DelaySchedule schedule, Clock clock) {
        return new RetryPolicy(schedule, clock);
    }
}
