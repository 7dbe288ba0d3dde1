package com.licenceshop.e2e;

import com.licenceshop.testsupport.TestServers;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The test's own view of the broker: publish as a misbehaving upstream would, and look at queues. */
final class Broker {

    private Broker() {}

    /** Publishes bytes as they are, with confirms: e.g. a redelivery of an event that was already delivered. */
    static void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        var factory = new ConnectionFactory();
        try {
            factory.setUri(TestServers.rabbit().uri());
            try (Connection connection = factory.newConnection("e2e-test");
                    Channel channel = connection.createChannel()) {
                channel.confirmSelect();
                channel.basicPublish(exchange, routingKey, true, properties, body);
                channel.waitForConfirmsOrDie(10_000);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + exchange, e);
        }
    }

    /**
     * Messages in a queue, ready plus unacknowledged, from the management API (AMQP only counts ready ones).
     * The management plugin is enabled by .ci/run and ./shop up.
     */
    static long messagesIn(String queue) {
        var broker = TestServers.rabbit();
        String url = broker.managementUrl() + "/api/queues/"
                + URLEncoder.encode(broker.virtualHost(), StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(queue, StandardCharsets.UTF_8);
        var response = HttpJson.getAs(url, broker.username(), broker.password());
        if (response.status() != 200) {
            throw new IllegalStateException("management API answered " + response.status() + " for " + url
                    + ": enable it with 'rabbitmq-plugins enable rabbitmq_management'");
        }
        Map<String, Object> queueInfo = response.json();
        Object ready = queueInfo.getOrDefault("messages_ready", 0);
        Object unacked = queueInfo.getOrDefault("messages_unacknowledged", 0);
        return ((Number) ready).longValue() + ((Number) unacked).longValue();
    }
}
