package com.licenceshop.command.outbox;

import java.util.List;

interface EventPublisher {

    /**
     * Publishes the rows in the given order and returns only after the broker confirmed every one of them.
     *
     * @throws PublishException if any row was not confirmed; the caller must treat all of them as unpublished
     */
    void publish(List<OutboxRow> rows) throws PublishException;

    /** Thrown when the broker is unreachable, refused or did not confirm in time. */
    final class PublishException extends Exception {
        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
