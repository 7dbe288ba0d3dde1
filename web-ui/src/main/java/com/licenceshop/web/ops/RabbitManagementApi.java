package com.licenceshop.web.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The calls of RabbitMQ's management API the console makes: a queue's figures and consumers, the connections' names. */
@Client(id = "rabbitmq-management")
interface RabbitManagementApi {

    /** Empty when the queue does not exist (404). */
    @Get("/api/queues/{vhost}/{queue}")
    Optional<QueueInfo> queue(@PathVariable String vhost, @PathVariable String queue);

    /**
     * The virtual host's connections with the name each client gave its own ({@code user_provided_name}: the
     * services name theirs after their instance, see service-defaults' AmqpConnectionName).
     */
    @Get("/api/vhosts/{vhost}/connections?columns=name,user_provided_name")
    List<ConnectionInfo> connections(@PathVariable String vhost);

    /** Figures are absent until the broker has collected statistics for a new queue: read them as 0. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record QueueInfo(
            String name,
            Long messages,
            Long messagesReady,
            Long messagesUnacknowledged,
            Integer consumers,
            @Nullable List<ConsumerDetail> consumerDetails) {
        long depth() {
            return messages == null ? 0 : messages;
        }

        long unacked() {
            return messagesUnacknowledged == null ? 0 : messagesUnacknowledged;
        }

        int consumerCount() {
            return consumers == null ? 0 : consumers;
        }

        /** The connection (broker-side name, peer address based) of each consumer, one entry per consumer. */
        List<String> consumerConnections() {
            return consumerDetails == null
                    ? List.of()
                    : consumerDetails.stream()
                            .map(ConsumerDetail::channelDetails)
                            .filter(Objects::nonNull)
                            .map(ChannelDetails::connectionName)
                            .filter(Objects::nonNull)
                            .toList();
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ConsumerDetail(@Nullable ChannelDetails channelDetails) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ChannelDetails(@Nullable String connectionName) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ConnectionInfo(String name, @Nullable String userProvidedName) {}

    @ClientFilter(serviceId = "rabbitmq-management")
    final class Credentials {
        private final RabbitManagementConfig config;

        Credentials(RabbitManagementConfig config) {
            this.config = config;
        }

        @RequestFilter
        void authenticate(MutableHttpRequest<?> request) {
            if (config.configured()) {
                request.basicAuth(config.username(), config.password());
            }
        }
    }
}
