package com.licenceshop.web.ops;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One consumer's queue and its dead-letter queue, as the console's table shows them.
 *
 * @param instances the instances consuming the queue, by name, with how many consumers (channels) each has
 * @param problem   why the figures are missing (management API unreachable, queue not declared yet), else null
 */
record QueueRow(
        String consumer,
        String queue,
        long depth,
        long unacked,
        int consumers,
        List<Instance> instances,
        String deadLetterQueue,
        long deadLetters,
        @Nullable String problem) {

    /**
     * @param connectionNames the broker's connection name → the name its client gave it (services name theirs
     *                        {@code <service> <pid>@<host>}); a connection without one is shown by its address
     */
    static QueueRow of(
            String consumer,
            String queue,
            String deadLetterQueue,
            Optional<RabbitManagementApi.QueueInfo> main,
            Optional<RabbitManagementApi.QueueInfo> dead,
            Map<String, String> connectionNames) {
        String problem = main.isEmpty() ? "queue " + queue + " does not exist yet (is the consumer started?)" : null;
        return new QueueRow(
                consumer,
                queue,
                main.map(RabbitManagementApi.QueueInfo::depth).orElse(0L),
                main.map(RabbitManagementApi.QueueInfo::unacked).orElse(0L),
                main.map(RabbitManagementApi.QueueInfo::consumerCount).orElse(0),
                instances(
                        main.map(RabbitManagementApi.QueueInfo::consumerConnections)
                                .orElse(List.of()),
                        connectionNames),
                deadLetterQueue,
                dead.map(RabbitManagementApi.QueueInfo::depth).orElse(0L),
                problem);
    }

    static QueueRow unavailable(String consumer, String queue, String deadLetterQueue, String why) {
        return new QueueRow(consumer, queue, 0, 0, 0, List.of(), deadLetterQueue, 0, why);
    }

    static List<Instance> instances(List<String> consumerConnections, Map<String, String> connectionNames) {
        Map<String, Integer> consumersPerInstance = new TreeMap<>();
        for (String connection : consumerConnections) {
            consumersPerInstance.merge(connectionNames.getOrDefault(connection, connection), 1, Integer::sum);
        }
        return consumersPerInstance.entrySet().stream()
                .map(e -> new Instance(e.getKey(), e.getValue()))
                .toList();
    }

    /** One consuming instance: its connection's name and its consumers on the queue. */
    record Instance(String name, int consumers) {}
}
