package com.licenceshop.web.ops;

import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.Optional;

/** The one call of RabbitMQ's management API the console needs: a queue's figures. */
@Client(id = "rabbitmq-management")
interface RabbitManagementApi {

    /** Empty when the queue does not exist (404). */
    @Get("/api/queues/{vhost}/{queue}")
    Optional<QueueInfo> queue(@PathVariable String vhost, @PathVariable String queue);

    /** Figures are absent until the broker has collected statistics for a new queue: read them as 0. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record QueueInfo(String name, Long messages, Long messagesReady, Long messagesUnacknowledged, Integer consumers) {
        long depth() {
            return messages == null ? 0 : messages;
        }

        long unacked() {
            return messagesUnacknowledged == null ? 0 : messagesUnacknowledged;
        }

        int consumerCount() {
            return consumers == null ? 0 : consumers;
        }
    }

    @ClientFilter(serviceId = "rabbitmq-management")
    final class Credentials {
        private final RabbitManagementConfig config;

        Credentials(RabbitManagementConfig config) {
            this.config = config;
        }

        @RequestFilter
        void authenticate(MutableHttpRequest<?> request) {
            request.basicAuth(config.username(), config.password() == null ? "" : config.password());
        }
    }
}
