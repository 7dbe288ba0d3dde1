package com.licenceshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.ServiceProcess;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One purchase in the browser, paid by card (ADR 13), followed through the four service processes by its traces: the
 * purchase's from the browser's request to its consumers, the payment's from the provider's webhook to the keys mail.
 * The services export to an OTLP receiver in the test (configured by OTEL_EXPORTER_OTLP_ENDPOINT alone, as a
 * deployment would), and log JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final List<String> SERVICES =
            List.of("command-api", "sales-projector", "notification-service", "web-ui");

    private final Map<String, Long> logStart = new HashMap<>();
    private OtlpReceiver collector;
    private ShopStack shop;
    private String orderId;
    private String traceId;

    @BeforeAll
    void buyOneLicenceInTheBrowser() throws IOException {
        for (String service : SERVICES) {
            Path log = Path.of("target", "service-logs", service + ".log");
            logStart.put(service, Files.exists(log) ? Files.size(log) : 0L);
        }
        collector = OtlpReceiver.start();
        shop = ShopStack.start(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                // export within a moment instead of every 5 s
                "OTEL_BSP_SCHEDULE_DELAY", "100",
                "LOG_FORMAT", "json",
                // the per-order line of command-api is DEBUG
                "LOGGER_LEVELS_COM_LICENCESHOP_COMMAND_ORDER", "DEBUG"));
        try (Browser browser = Browser.desktop()) {
            WebDriver page = browser.driver;
            page.get(shop.webUi().baseUrl() + "/");
            page.findElement(By.id("sku-STARTER")).click();
            WebElement quantity = page.findElement(By.id("quantity"));
            quantity.clear();
            quantity.sendKeys("1");
            page.findElement(By.id("email")).sendKeys("trace@example.com");
            page.findElement(By.id("buy-button")).click();
            new WebDriverWait(page, PATIENCE).until(ExpectedConditions.urlContains("/orders/"));
            orderId = new WebDriverWait(page, PATIENCE)
                    .until(d -> d.findElement(By.id("order-id")).getText().strip());
            ShopPages.payByCard(page, shop.paymentProviderUrl(), CardPayment.PAYS);
        }
        await("the order's mail")
                .atMost(PATIENCE)
                .until(() -> java.util.Arrays.stream(shop.smtp.getReceivedMessages())
                        .anyMatch(mail -> Mails.text(mail).contains(orderId)));
        traceId = (String) TestHttp.getAs(
                        shop.commandApi().baseUrl() + "/api/ops/orders/" + orderId + "/trace",
                        ShopStack.OPS_USERNAME,
                        shop.opsPassword)
                .json()
                .get("traceId");
        assertThat(traceId).as("the trace id command-api names for the order").matches("[0-9a-f]{32}");
    }

    @AfterAll
    void stopTheShop() {
        if (shop != null) {
            shop.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void purchaseAndPaymentAreOneTraceEachAndTheBatchLinksThem() {
        await("spans of every service").atMost(PATIENCE).untilAsserted(() -> {
            Map<String, List<OtlpReceiver.Span>> byService =
                    collector.ofTrace(traceId).stream().collect(Collectors.groupingBy(OtlpReceiver.Span::service));
            // the notifier has nothing to do for an order that waits for its payment: no span of it here
            assertThat(byService.keySet()).contains("web-ui", "command-api");
            assertThat(linkingTo(traceId))
                    .extracting(OtlpReceiver.Span::service)
                    .contains("sales-projector");
        });
        // the first delivery only (a replay test may have added to the trace)
        List<OtlpReceiver.Span> trace = collector.ofTrace(traceId).stream()
                .filter(span -> !replayed(span))
                .toList();

        // the shopper's POST is the root; everything else hangs below it
        OtlpReceiver.Span root = only(trace, span -> span.isRoot());
        assertThat(root.service()).isEqualTo("web-ui");
        assertThat(root.kind()).isEqualTo(OtlpReceiver.SERVER);
        OtlpReceiver.Span call = only(
                trace,
                span -> span.service().equals("web-ui")
                        && span.kind() == OtlpReceiver.CLIENT
                        && span.name().contains("POST"));
        OtlpReceiver.Span placeOrder =
                only(trace, span -> span.service().equals("command-api") && span.kind() == OtlpReceiver.SERVER);
        assertThat(placeOrder.parentSpanId()).isEqualTo(call.spanId());
        OtlpReceiver.Span publish =
                only(trace, span -> span.service().equals("command-api") && span.kind() == OtlpReceiver.PRODUCER);
        assertThat(publish.parentSpanId())
                .as("the relay publishes under the stored request span")
                .isEqualTo(placeOrder.spanId());
        assertThat(trace)
                .as("no mail in the purchase's trace: the order waits for its payment")
                .noneMatch(span -> span.name().equals("smtp send"));
        assertNoParentOutside(traceId);

        // the payment: the provider's webhook (no trace context of ours) starts a trace that ends in the keys mail
        OtlpReceiver.Span smtp = paymentMail();
        List<OtlpReceiver.Span> payment = collector.ofTrace(smtp.traceId()).stream()
                .filter(span -> !replayed(span))
                .toList();
        OtlpReceiver.Span send = parentOf(payment, smtp);
        assertThat(send.service()).isEqualTo("notification-service");
        assertThat(send.kind()).isEqualTo(OtlpReceiver.CONSUMER);
        OtlpReceiver.Span publishKeys = parentOf(payment, send);
        assertThat(publishKeys.service()).isEqualTo("command-api");
        assertThat(publishKeys.kind()).isEqualTo(OtlpReceiver.PRODUCER);
        OtlpReceiver.Span webhook = parentOf(payment, publishKeys);
        assertThat(webhook.service()).isEqualTo("command-api");
        assertThat(webhook.kind()).isEqualTo(OtlpReceiver.SERVER);
        assertThat(webhook.name()).contains("/api/payments/webhook");
        assertThat(webhook.isRoot())
                .as("the webhook's request starts the payment's trace")
                .isTrue();
        assertNoParentOutside(smtp.traceId());

        // the projector's batch is a trace of its own, linked to the publish span of the event
        OtlpReceiver.Span batch = linkingTo(traceId).stream()
                .filter(span -> span.service().equals("sales-projector"))
                .findFirst()
                .orElseThrow();
        assertThat(batch.links()).contains(new OtlpReceiver.Link(traceId, publish.spanId()));
        assertThat(batch.kind()).isEqualTo(OtlpReceiver.CONSUMER);
    }

    @Test
    void aPublicTraceparentIsOnlyALinkOfANewTrace() throws IOException {
        String clientTrace = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        String clientSpan = "b7ad6b7169203331";
        URI commandApi = URI.create(shop.commandApi().baseUrl());

        // from 127.0.0.2: not command-api's trusted peer (web-ui, 127.0.0.1 here as in ./shop up)
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", commandApi.getPort()), 5_000);
            socket.getOutputStream()
                    .write(("GET /api/products HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                                    + "traceparent: 00-" + clientTrace + "-" + clientSpan
                                    + "-01\r\ntracestate: attacker=1\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }

        OtlpReceiver.Link client = new OtlpReceiver.Link(clientTrace, clientSpan);
        OtlpReceiver.Span request = await("the request's span")
                .atMost(PATIENCE)
                .until(
                        () -> collector.spans().stream()
                                .filter(span -> span.links().contains(client))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(request.service()).isEqualTo("command-api");
        assertThat(request.kind()).isEqualTo(OtlpReceiver.SERVER);
        assertThat(request.isRoot()).as("a new root span").isTrue();
        assertThat(request.traceId()).isNotEqualTo(clientTrace);
        assertThat(collector.ofTrace(clientTrace))
                .as("nothing of the shop in the client's trace")
                .isEmpty();
    }

    @Test
    void everyLineEachServiceLogsAboutTheOrderCarriesItsTraceId() throws IOException {
        await("the notifier's lines")
                .atMost(PATIENCE)
                .until(() -> !aboutTheOrder("notification-service").isEmpty());
        String paymentTrace = paymentMail().traceId();
        // the order's requests (buy, pay, its page) and messages are traces of their own, each exported
        await("every line's trace exported").atMost(PATIENCE).untilAsserted(() -> {
            java.util.Set<String> exported =
                    collector.spans().stream().map(OtlpReceiver.Span::traceId).collect(Collectors.toSet());
            for (String service : List.of("web-ui", "command-api", "notification-service", "sales-projector")) {
                assertThat(aboutTheOrder(service))
                        .as("%s lines about order %s", service, orderId)
                        .allSatisfy(line -> assertThat(mdc(line))
                                .as(line.toString())
                                .containsKey("spanId")
                                .extractingByKey("traceId")
                                .isIn(exported));
            }
        });
        // placing it is the purchase's trace; the keys mail the payment's (the webhook's)
        for (String service : List.of("web-ui", "command-api")) {
            assertThat(aboutTheOrder(service))
                    .as("%s lines about placing order %s", service, orderId)
                    .anySatisfy(line -> assertThat(mdc(line)).containsEntry("traceId", traceId));
        }
        assertThat(aboutTheOrder("notification-service"))
                .as("notification-service lines about order %s", orderId)
                .anySatisfy(line -> assertThat(mdc(line)).containsEntry("traceId", paymentTrace))
                .allSatisfy(line -> assertThat(mdc(line).get("traceId")).isIn(paymentTrace, traceId));
    }

    @Test
    void aReplayedEventJoinsItsOriginalTraceAndLinksTheOpsRequest() throws Exception {
        // the event the notifier mails on is LicencesIssued, recorded by the payment's webhook: its trace is the
        // original
        long sequence;
        try (Connection connection = shop.connect();
                ResultSet row = connection
                        .createStatement()
                        .executeQuery("SELECT sequence FROM commands.events WHERE aggregate_id = '" + orderId
                                + "' AND type = 'LicencesIssued'")) {
            assertThat(row.next()).isTrue();
            sequence = row.getLong(1);
        }
        String original = paymentMail().traceId(); // the first send

        var response = TestHttp.send(
                HttpRequest.newBuilder(URI.create(shop.commandApi().baseUrl() + "/api/ops/replay"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", TestHttp.basic(ShopStack.OPS_USERNAME, shop.opsPassword))
                        .POST(HttpRequest.BodyPublishers.ofString(TestHttp.write(
                                Map.of("consumer", "notification-service", "after", sequence - 1, "upTo", sequence)))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);

        await("the replayed event's send")
                .atMost(PATIENCE)
                .untilAsserted(() -> assertThat(collector.ofTrace(original))
                        .filteredOn(span -> span.service().equals("notification-service") && replayed(span))
                        .hasSize(1));
        List<OtlpReceiver.Span> trace = collector.ofTrace(original);
        OtlpReceiver.Span webhook =
                only(trace, span -> span.service().equals("command-api") && span.kind() == OtlpReceiver.SERVER);
        OtlpReceiver.Span replayPublish = only(trace, span -> span.kind() == OtlpReceiver.PRODUCER && replayed(span));
        OtlpReceiver.Span replayedSend = only(
                trace,
                span -> span.service().equals("notification-service")
                        && span.kind() == OtlpReceiver.CONSUMER
                        && replayed(span));
        assertThat(replayPublish.parentSpanId())
                .as("the replay hangs below the original request")
                .isEqualTo(webhook.spanId());
        assertThat(replayedSend.parentSpanId()).isEqualTo(replayPublish.spanId());

        // linked to the ops request that asked for it, which is a trace of its own
        OtlpReceiver.Link opsRequest =
                replayPublish.links().stream().findFirst().orElseThrow();
        assertThat(opsRequest.traceId()).isNotEqualTo(original);
        assertThat(collector.spans()).anySatisfy(span -> {
            assertThat(span.spanId()).isEqualTo(opsRequest.spanId());
            assertThat(span.name()).contains("/api/ops/replay");
        });
        // nothing in the whole shop started a trace for a message: every consumer span has a parent or links
        assertThat(collector.spans())
                .filteredOn(span -> span.kind() == OtlpReceiver.CONSUMER && span.isRoot())
                .allSatisfy(span -> assertThat(span.links()).as(span.toString()).isNotEmpty());
    }

    /** The one keys mail of the order (sent on LicencesIssued), once its span arrived. */
    private OtlpReceiver.Span paymentMail() {
        return await("the keys mail's span")
                .atMost(PATIENCE)
                .until(
                        () -> collector.spans().stream()
                                .filter(span -> span.name().equals("smtp send") && !replayed(span))
                                .toList(),
                        found -> found.size() == 1)
                .get(0);
    }

    private static OtlpReceiver.Span parentOf(List<OtlpReceiver.Span> trace, OtlpReceiver.Span child) {
        return only(trace, span -> span.spanId().equals(child.parentSpanId()));
    }

    private void assertNoParentOutside(String trace) {
        List<OtlpReceiver.Span> whole = collector.ofTrace(trace);
        assertThat(whole)
                .as("no span of trace %s has a parent outside it", trace)
                .allSatisfy(span -> assertThat(span.isRoot()
                                || whole.stream().anyMatch(p -> p.spanId().equals(span.parentSpanId())))
                        .as(span.toString())
                        .isTrue());
    }

    private List<OtlpReceiver.Span> linkingTo(String trace) {
        return collector.spans().stream()
                .filter(span -> span.links().stream().anyMatch(l -> l.traceId().equals(trace)))
                .toList();
    }

    private static OtlpReceiver.Span only(
            List<OtlpReceiver.Span> spans, java.util.function.Predicate<OtlpReceiver.Span> which) {
        List<OtlpReceiver.Span> found = spans.stream().filter(which).toList();
        assertThat(found).as("exactly one such span in %s", spans).hasSize(1);
        return found.get(0);
    }

    private List<Map<String, Object>> aboutTheOrder(String service) throws IOException {
        ServiceProcess process = switch (service) {
            case "web-ui" -> shop.webUi();
            case "command-api" -> shop.commandApi();
            case "sales-projector" -> shop.salesProjector();
            default -> shop.notificationService();
        };
        byte[] log = Files.readAllBytes(process.log());
        int start = Math.toIntExact(logStart.getOrDefault(service, 0L));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : new String(log, start, log.length - start, StandardCharsets.UTF_8)
                .lines()
                .toList()) {
            Map<String, Object> parsed = TestHttp.read(line, Argument.mapOf(String.class, Object.class));
            if (orderId.equals(mdc(parsed).get("orderId"))) {
                lines.add(parsed);
            }
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mdc(Map<String, Object> line) {
        Object mdc = line.get("mdc");
        return mdc instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static boolean replayed(OtlpReceiver.Span span) {
        return Boolean.TRUE.equals(span.attributes().get("shop.replay"));
    }
}
