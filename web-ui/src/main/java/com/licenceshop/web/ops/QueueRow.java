package com.licenceshop.web.ops;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/**
 * One consumer's queue and its dead-letter queue, as the console's table shows them.
 *
 * @param problem why the figures are missing (management API unreachable, queue not declared yet), else null
 */
record QueueRow(String consumer, String queue, long depth, long unacked, int consumers,
                String deadLetterQueue, long deadLetters, @Nullable String problem) {

    static QueueRow of(String consumer, String queue, String deadLetterQueue,
                       Optional<RabbitManagementApi.QueueInfo> main, Optional<RabbitManagementApi.QueueInfo> dead) {
        String problem = main.isEmpty() ? "queue " + queue + " does not exist yet (is the consumer started?)" : null;
        return new QueueRow(consumer, queue,
                main.map(RabbitManagementApi.QueueInfo::depth).orElse(0L),
                main.map(RabbitManagementApi.QueueInfo::unacked).orElse(0L),
                main.map(RabbitManagementApi.QueueInfo::consumerCount).orElse(0),
                deadLetterQueue, dead.map(RabbitManagementApi.QueueInfo::depth).orElse(0L), problem);
    }

    static QueueRow unavailable(String consumer, String queue, String deadLetterQueue, String why) {
        return new QueueRow(consumer, queue, 0, 0, 0, deadLetterQueue, 0, why);
    }
}
