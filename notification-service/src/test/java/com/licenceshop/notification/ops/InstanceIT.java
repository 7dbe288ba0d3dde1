package com.licenceshop.notification.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.notification.support.OpsClient;
import com.licenceshop.notification.support.RunningService;
import com.licenceshop.servicedefaults.InstanceId;
import com.licenceshop.testsupport.ManagementEndpoints;
import com.licenceshop.testsupport.TestServers;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which instance answered, and which instance consumes: the endpoint, the header and the broker connection's name;
 * and no other management endpoint answers an anonymous caller.
 */
@MicronautTest(transactional = false)
class InstanceIT extends RunningService {

    @Inject
    EmbeddedServer server;

    @Inject
    InstanceId instance;

    @Inject
    JsonMapper json;

    @Test
    void anyoneCanAskWhichInstanceThisIsAndEveryResponseSaysIt() throws Exception {
        HttpResponse<String> answer =
                OpsClient.anonymous(server.getURL().toString()).get("/instance");
        HttpResponse<String> refused =
                OpsClient.anonymous(server.getURL().toString()).get("/ops/mails");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readValue(answer.body(), Argument.mapOf(String.class, Object.class)))
                .containsEntry("service", "notification-service")
                .containsEntry("instance", instance.instance())
                .containsEntry("tag", instance.tag());
        assertThat(answer.headers().firstValue("X-Instance-Id")).hasValue(instance.tag());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Instance-Id")).hasValue(instance.tag());
    }

    @Test
    void onlyHealthMetricsAndInstanceAnswerAnonymousCallers() throws Exception {
        ManagementEndpoints.assertOnlyTheAnonymousOnesAnswer(server.getURL().toURI());
    }

    @Test
    void theQueuesConsumersAreOnAConnectionNamedAfterThisInstance() {
        TestServers.RabbitBroker rabbit = TestServers.rabbit();
        OpsClient management = OpsClient.as(rabbit.managementUrl(), rabbit.username(), rabbit.password());
        String vhost = URLEncoder.encode(rabbit.virtualHost(), StandardCharsets.UTF_8);

        // the management API collects consumer statistics every few seconds (channel_details is [] until then)
        await("consumers listed")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreException(ClassCastException.class)
                .untilAsserted(() -> {
                    Map<String, Object> queue = read(management.get("/api/queues/" + vhost + "/"
                            + URLEncoder.encode(topology.notificationQueue(), StandardCharsets.UTF_8)));
                    List<Map<String, Object>> consumers = (List<Map<String, Object>>) queue.get("consumer_details");
                    assertThat(consumers).isNotEmpty();
                    for (Map<String, Object> consumer : consumers) {
                        // the consumer can be listed before its channel's statistics: then its details are an empty
                        // list
                        assertThat(consumer.get("channel_details"))
                                .as("channel details collected")
                                .isInstanceOf(Map.class);
                        String connection =
                                (String) ((Map<String, Object>) consumer.get("channel_details")).get("connection_name");
                        Map<String, Object> named = read(management.get("/api/connections/"
                                + URLEncoder.encode(connection, StandardCharsets.UTF_8)
                                        .replace("+", "%20")));
                        assertThat(named)
                                .containsEntry("user_provided_name", "notification-service " + instance.instance());
                    }
                });
    }

    private Map<String, Object> read(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }
}
