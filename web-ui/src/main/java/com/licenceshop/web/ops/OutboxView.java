package com.licenceshop.web.ops;

import io.micronaut.core.annotation.Nullable;

/** The command API's outbox: events not yet published, and the head of the event store. */
record OutboxView(
        boolean available,
        long pending,
        @Nullable Long headSequence,
        @Nullable Long publishedSequence,
        @Nullable String problem) {

    static OutboxView of(OpsApis.Outbox outbox) {
        return new OutboxView(true, outbox.pending(), outbox.headSequence(), outbox.publishedSequence(), null);
    }

    static OutboxView unavailable(String why) {
        return new OutboxView(false, 0, null, null, why);
    }
}
