package com.licenceshop.projector.broker;

import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.ConfirmedPublisher;
import com.licenceshop.servicedefaults.DeadLetterQueue;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The projector's dead-letter queue. A message that cannot be parsed or applied is parked there by the projector
 * itself, with the reason, so ops see why; the queue's delivery limit dead-letters through the broker only what
 * never reaches that code (e.g. a message the projector keeps crashing on).
 */
@Factory
class ProjectorDeadLetters {

    @Singleton
    DeadLetterQueue deadLetters(ConfirmedPublisher publisher, Topology topology) {
        return new DeadLetterQueue(publisher, topology, topology.salesProjectorQueue());
    }
}
