package com.licenceshop.web.ops;

import static com.licenceshop.web.support.TestShop.OPS_PASSWORD;
import static com.licenceshop.web.support.TestShop.OPS_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.TestServers;
import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.StubCommandApi;
import com.licenceshop.web.support.StubOtherServices;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ops console against the real RabbitMQ management API and the other services' ops endpoints (stubbed). */
@WebUiIT
class OpsConsoleIT extends AgainstTheTestShop {

    private final Topology topology = new Topology(shop.namespace);
    private Connection broker;
    private final List<Connection> consumingInstances = new ArrayList<>();

    @Inject
    StubCommandApi commandApi;

    @Inject
    StubOtherServices.SalesProjector projector;

    @Inject
    StubOtherServices.NotificationService notifier;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        TestServers.RabbitBroker rabbit = TestServers.rabbit();
        properties.put("shop.rabbitmq-management.broker-uri", rabbit.uri());
        properties.put("shop.rabbitmq-management.username", rabbit.username());
        properties.put("shop.rabbitmq-management.password", rabbit.password());
        properties.put("shop.trace-ui-url", "http://localhost:16686/trace/{traceId}");
        return properties;
    }

    @Test
    void theConsoleListsCardPaymentsWaitingOnTheProviderAndOverdueInvoices() {
        String card = java.util.UUID.randomUUID().toString();
        String invoice = java.util.UUID.randomUUID().toString();
        commandApi.waiting.add(Map.of(
                "orderId",
                card,
                "method",
                "CARD",
                "status",
                "AWAITING_PAYMENT",
                "since",
                "2026-12-07T10:00:00Z",
                "sessionId",
                "cs_test_waiting",
                "overdue",
                false));
        commandApi.waiting.add(Map.of(
                "orderId",
                invoice,
                "method",
                "INVOICE",
                "status",
                "AWAITING_PAYMENT",
                "since",
                "2026-11-20T10:00:00Z",
                "invoiceNumber",
                "2026-000077",
                "dueDate",
                "2026-12-04",
                "overdue",
                true));

        Visitor.Page console = shop.loggedIn(OPS_USER, OPS_PASSWORD).get("/ops");

        assertThat(console.body())
                .contains("<code>cs_test_waiting</code>", "<td>2026-000077</td><td><code>" + invoice + "</code></td>");
        assertThat(console.count("overdue-invoice")).isGreaterThanOrEqualTo(1);
        assertThat(console.count("card-payment-waiting")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anOrderIdOpensTheOrdersTraceInTheTraceUi() {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);
        assertThat(bob.get("/ops").body()).contains("id=\"trace-button\"");
        String orderId = commandApi.givenAnOrder("trace@example.com");

        Visitor.Page opened = bob.get("/ops/orders/trace?orderId=" + orderId);

        assertThat(opened.status()).isEqualTo(303);
        assertThat(opened.location()).isEqualTo("http://localhost:16686/trace/" + orderId.replace("-", ""));
        assertThat(bob.get("/ops/orders/trace?orderId=" + java.util.UUID.randomUUID())
                        .location())
                .isEqualTo("/ops?notice=trace-not-found");
        assertThat(bob.get("/ops/orders/trace?orderId=not-an-id").location()).isEqualTo("/ops?notice=trace-not-found");
    }

    @BeforeAll
    void queuesWithMessages() throws Exception {
        TestServers.RabbitBroker rabbit = TestServers.rabbit();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(rabbit.uri());
        broker = factory.newConnection("web-ui OpsConsoleIT");
        try (Channel channel = broker.createChannel()) {
            for (String queue : List.of(
                    topology.salesProjectorQueue(),
                    topology.deadLetterQueue(topology.salesProjectorQueue()),
                    topology.notificationQueue(),
                    topology.deadLetterQueue(topology.notificationQueue()))) {
                channel.queueDeclare(queue, true, false, false, null);
            }
            publish(channel, topology.salesProjectorQueue(), 3);
            publish(channel, topology.deadLetterQueue(topology.salesProjectorQueue()), 2);
            publish(channel, topology.deadLetterQueue(topology.notificationQueue()), 1);
        }
        // two notification-service instances, named as service-defaults' AmqpConnectionName names them
        consume(factory, "notification-service 101@host-a", 2);
        consume(factory, "notification-service 202@host-b", 1);
    }

    private void consume(ConnectionFactory factory, String connectionName, int consumers) throws Exception {
        Connection connection = factory.newConnection(connectionName);
        consumingInstances.add(connection);
        for (int i = 0; i < consumers; i++) {
            connection
                    .createChannel()
                    .basicConsume(topology.notificationQueue(), false, (tag, delivery) -> {}, tag -> {});
        }
    }

    @AfterAll
    void deleteQueues() throws Exception {
        for (Connection connection : consumingInstances) {
            connection.close();
        }
        if (broker != null) {
            try (Channel channel = broker.createChannel()) {
                for (String queue : List.of(
                        topology.salesProjectorQueue(),
                        topology.deadLetterQueue(topology.salesProjectorQueue()),
                        topology.notificationQueue(),
                        topology.deadLetterQueue(topology.notificationQueue()))) {
                    channel.queueDelete(queue);
                }
            }
            broker.close();
        }
    }

    @BeforeEach
    void resetStubs() {
        projector.reset();
        notifier.redrives.set(0);
        commandApi.headSequence = 120;
        commandApi.pending = 2;
        shop.database.summary(10, 12, 900_000, 117, Instant.now(), Instant.now());
    }

    @Test
    void theConsoleShowsQueueDepthsAndDeadLettersPerConsumer() {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);

        // the management API refreshes queue statistics every few seconds
        await("queue statistics")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Visitor.Page console = bob.get("/ops");
                    assertThat(row(console, topology.salesProjectorQueue()))
                            .containsEntry("queue-depth", "3")
                            .containsEntry("dead-letter-depth", "2")
                            .containsEntry("queue-consumers", "0")
                            .containsEntry("queue-unacked", "0");
                    assertThat(row(console, topology.notificationQueue()))
                            .containsEntry("queue-depth", "0")
                            .containsEntry("dead-letter-depth", "1");
                });
    }

    @Test
    void theConsoleListsTheInstancesConsumingEachQueueWithTheirConsumers() {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);

        await("consumer statistics")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Visitor.Page console = bob.get("/ops");
                    assertThat(instances(console, topology.notificationQueue()))
                            .containsExactly("notification-service 101@host-a ×2", "notification-service 202@host-b");
                    assertThat(row(console, topology.notificationQueue())).containsEntry("queue-consumers", "3");
                    assertThat(instances(console, topology.salesProjectorQueue()))
                            .isEmpty();
                });
    }

    @Test
    void theConsoleComparesTheEventStoreHeadWithTheProjectorPosition() {
        Visitor.Page console = shop.loggedIn(OPS_USER, OPS_PASSWORD).get("/ops");

        assertThat(console.textOf("outbox-pending")).isEqualTo("2");
        assertThat(console.textOf("event-store-head")).isEqualTo("120");
        assertThat(console.textOf("projector-position")).isEqualTo("117");
    }

    @Test
    void theConsoleShowsTheSigningKeyIdAndKeysThatStillVerify() {
        Visitor.Page console = shop.loggedIn(OPS_USER, OPS_PASSWORD).get("/ops");

        assertThat(console.textOf("signing-key-id")).isEqualTo("stub-2");
        assertThat(console.body()).contains("(verifies: stub-2, stub-1)");
    }

    @Test
    void aRebuildIsStartedAndItsProgressCanBeFollowed() throws Exception {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);
        Visitor.Page console = bob.get("/ops");

        Visitor.Page started = bob.submit(console, "/ops/rebuild", Map.of());
        assertThat(started.location()).isEqualTo("/ops?notice=rebuild-started");
        assertThat(projector.rebuildsStarted).hasValue(1);
        assertThat(bob.submit(console, "/ops/rebuild", Map.of()).location()).isEqualTo("/ops?notice=rebuild-running");

        Map<String, Object> progress = progress(bob);
        assertThat(progress).containsEntry("running", true).containsEntry("total", 200);
        int lastPercent = -1;
        while (Boolean.TRUE.equals(progress.get("running"))) {
            int percent = ((Number) progress.get("percent")).intValue();
            assertThat(percent).isGreaterThan(lastPercent);
            lastPercent = percent;
            progress = progress(bob);
        }
        assertThat(progress).containsEntry("percent", 100).containsEntry("state", "DONE");
        assertThat(bob.get("/ops").count("rebuild-progress")).isEqualTo(1);
    }

    @Test
    void deadLettersAreReDrivenPerConsumer() {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);
        Visitor.Page console = bob.get("/ops");

        Visitor.Page projectorRedrive = bob.submit(console, "/ops/dead-letters/sales-projector", Map.of());
        Visitor.Page notifierRedrive = bob.submit(console, "/ops/dead-letters/notification-service", Map.of());

        assertThat(projector.redrives).hasValue(1);
        assertThat(notifier.redrives).hasValue(1);
        assertThat(bob.get(projectorRedrive.location()).textOf("notice"))
                .contains("sales projector")
                .endsWith("3.");
        assertThat(bob.get(notifierRedrive.location()).textOf("notice"))
                .contains("notification service")
                .endsWith("2.");
    }

    @Test
    void reconciliationShowsItsResult() {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);
        Visitor.Page console = bob.get("/ops");

        Visitor.Page result = bob.submit(console, "/ops/reconciliation", Map.of());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body())
                .contains("data-testid=\"reconciliation-result\" data-matches=\"true\"", "12,500.00 EUR");
    }

    private Map<String, Object> progress(Visitor bob) throws Exception {
        Visitor.Page response = bob.getJson("/ops/rebuild/progress");
        assertThat(response.status()).isEqualTo(200);
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    /** The figures of one queue row, by their data-testid. */
    private static Map<String, String> row(Visitor.Page console, String queue) {
        Matcher rowMatcher = Pattern.compile("data-queue=\"" + Pattern.quote(queue) + "\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(console.body());
        assertThat(rowMatcher.find()).as("row of %s", queue).isTrue();
        Map<String, String> cells = new HashMap<>();
        Matcher cell = Pattern.compile("data-testid=\"([a-z-]+)\">([^<]*)<").matcher(rowMatcher.group(1));
        while (cell.find()) {
            cells.put(cell.group(1), cell.group(2).trim());
        }
        return cells;
    }

    /** The consuming instances one queue row lists, as shown ("name ×consumers"). */
    private static List<String> instances(Visitor.Page console, String queue) {
        Matcher rowMatcher = Pattern.compile("data-queue=\"" + Pattern.quote(queue) + "\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(console.body());
        assertThat(rowMatcher.find()).as("row of %s", queue).isTrue();
        List<String> instances = new ArrayList<>();
        Matcher item = Pattern.compile("data-testid=\"queue-instance\"[^>]*>(.*?)</li>")
                .matcher(rowMatcher.group(1));
        while (item.find()) {
            instances.add(item.group(1).replaceAll("<[^>]+>", "").strip());
        }
        return instances;
    }

    private static void publish(Channel channel, String queue, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", queue, null, ("message " + i).getBytes(StandardCharsets.UTF_8));
        }
    }
}
