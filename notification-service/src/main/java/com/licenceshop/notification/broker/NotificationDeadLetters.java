package com.licenceshop.notification.broker;

import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.ConfirmedPublisher;
import com.licenceshop.servicedefaults.DeadLetterQueue;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The notification queue's dead letters, parked by the consumer and re-driven by ops. */
@Factory
class NotificationDeadLetters {

    @Singleton
    DeadLetterQueue deadLetters(ConfirmedPublisher publisher, Topology topology) {
        return new DeadLetterQueue(publisher, topology, topology.notificationQueue());
    }
}
