package com.licenceshop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.testsupport.TestServers;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * tools/rabbitmq/monitor-user.sh (what {@code ./shop up} runs) against the machine's RabbitMQ: the login it makes
 * reads queue depths through the management API, and can neither publish nor fetch a message.
 */
class MonitorUserScriptTest {

    private final TestServers.RabbitBroker broker = TestServers.rabbit();
    private final String user = "monitor-test-" + UUID.randomUUID();
    private final String password = UUID.randomUUID().toString().replace("-", "");
    private final String queue = "shop.monitor-test-" + UUID.randomUUID();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void removeTheUserAndTheQueue() throws Exception {
        management("DELETE", "/api/users/" + user, broker.username(), broker.password(), null);
        management(
                "DELETE",
                "/api/queues/" + vhost() + "/" + URLEncoder.encode(queue, StandardCharsets.UTF_8),
                broker.username(),
                broker.password(),
                null);
    }

    @Test
    void itsLoginReadsQueueDepthsButCannotPublishOrFetchAMessage() throws Exception {
        runTheScript();
        try (Connection admin = connect(broker.username(), broker.password());
                Channel channel = admin.createChannel()) {
            channel.queueDeclare(queue, false, false, false, null);
            channel.basicPublish(
                    "", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, "order".getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> depth = management(
                "GET",
                "/api/queues/" + vhost() + "/" + URLEncoder.encode(queue, StandardCharsets.UTF_8),
                user,
                password,
                null);
        assertThat(depth.statusCode()).as(depth.body()).isEqualTo(200);
        assertThat(depth.body()).contains("\"name\":\"" + queue + "\"");
        HttpResponse<String> fetch = management(
                "POST",
                "/api/queues/" + vhost() + "/" + URLEncoder.encode(queue, StandardCharsets.UTF_8) + "/get",
                user,
                password,
                "{\"count\":1,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\"}");
        assertThat(fetch.statusCode()).as(fetch.body()).isEqualTo(401);

        try (Connection monitor = connect(user, password)) {
            Channel publisher = monitor.createChannel();
            publisher.confirmSelect();
            publisher.basicPublish(
                    "", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, "forged".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> publisher.waitForConfirmsOrDie(5_000)).hasStackTraceContaining("ACCESS_REFUSED");
            Channel consumer = monitor.createChannel();
            assertThatThrownBy(() -> consumer.basicGet(queue, false)).hasStackTraceContaining("ACCESS_REFUSED");
        }
    }

    private void runTheScript() throws IOException, InterruptedException {
        ProcessBuilder script = new ProcessBuilder(Repository.ROOT
                        .resolve("tools/rabbitmq/monitor-user.sh")
                        .toString())
                .redirectErrorStream(true);
        script.environment()
                .putAll(java.util.Map.of(
                        "MONITOR_USER",
                        user,
                        "MONITOR_PASSWORD",
                        password,
                        "RABBITMQ_MANAGEMENT_URL",
                        broker.managementUrl(),
                        "RABBITMQ_ADMIN_USER",
                        broker.username(),
                        "RABBITMQ_ADMIN_PASSWORD",
                        broker.password(),
                        "RABBITMQ_VHOST",
                        broker.virtualHost()));
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("monitor-user.sh finished")
                .isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private Connection connect(String username, String secret) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setVirtualHost(broker.virtualHost());
        factory.setUsername(username);
        factory.setPassword(secret);
        return factory.newConnection("monitor-user-test");
    }

    private String vhost() {
        return URLEncoder.encode(broker.virtualHost(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> management(String method, String path, String username, String secret, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.managementUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
