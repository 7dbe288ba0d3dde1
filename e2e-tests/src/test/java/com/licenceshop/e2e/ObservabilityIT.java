package com.licenceshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.ServiceProcess;
import com.licenceshop.testsupport.TestHttp;
import com.licenceshop.testsupport.TestServers;
import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One order through the four service processes, started with LOG_FORMAT=json: what the alert rules and the
 * Grafana dashboard in deploy/ query is really exported, and every log line is one JSON object with the ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityIT {

    private static final Path REPOSITORY = Path.of("..");
    private static final Set<String> PROMQL_WORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "offset",
            "bool",
            "inf",
            "nan",
            // Prometheus' own series about each scrape, not exported by anyone
            "up");

    private ShopStack shop;
    private String orderId;
    /** Where each service's log ended before this stack started: ServiceProcess appends, other classes log there too. */
    private final Map<String, Long> logStart = new HashMap<>();

    @BeforeAll
    void placeOneOrderThroughTheShopLoggingJson() throws IOException {
        // the per-order lines of command-api are DEBUG; Micronaut's logger.levels comes from the environment too
        for (String service : List.of("command-api", "sales-projector", "notification-service", "web-ui")) {
            Path log = Path.of("target", "service-logs", service + ".log");
            logStart.put(service, Files.exists(log) ? Files.size(log) : 0L);
        }
        shop = ShopStack.start(Map.of("LOG_FORMAT", "json", "LOGGER_LEVELS_COM_LICENCESHOP_COMMAND_ORDER", "DEBUG"));
        var response = TestHttp.post(
                shop.commandApi().baseUrl() + "/api/orders",
                Map.of("customerEmail", "ada@example.com", "items", List.of(Map.of("sku", "STARTER", "quantity", 1))));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        orderId = (String) response.json().get("orderId");
        CardPayment.payOrFail(
                shop.commandApi().baseUrl(), orderId, (String) response.json().get("orderToken"));
        await("the order's mail")
                .atMost(Duration.ofSeconds(30))
                .until(() -> shop.smtp.getReceivedMessages().length >= 1);
        await("the order in the sales summary")
                .atMost(Duration.ofSeconds(30))
                .until(() -> scrape(shop.salesProjector().baseUrl() + "/prometheus")
                        .matches("(?s).*\\nsales_projector_events_applied_total(\\{[^}]*})? [1-9].*"));
    }

    @AfterAll
    void stopTheShop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void everyMetricTheAlertRulesAndTheDashboardQueryIsExported() throws IOException {
        Set<String> exported = new TreeSet<>();
        for (ServiceProcess service : services()) {
            exported.addAll(metricNames(scrape(service.baseUrl() + "/prometheus")));
        }
        // queue depths per consumer come from the broker's rabbitmq_prometheus plugin (.ci/run enables it)
        exported.addAll(metricNames(scrape("http://" + TestServers.rabbit().host() + ":15692/metrics/per-object")));

        Set<String> queried = new TreeSet<>();
        Matcher ruleExpressions = Pattern.compile("(?m)^\\s*expr:\\s*(.+)$")
                .matcher(Files.readString(REPOSITORY.resolve("deploy/prometheus/rules.yml")));
        while (ruleExpressions.find()) {
            queried.addAll(queriedNames(ruleExpressions.group(1)));
        }
        Matcher dashboardExpressions = Pattern.compile("\"expr\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(Files.readString(REPOSITORY.resolve("deploy/grafana/dashboards/licence-shop.json")));
        while (dashboardExpressions.find()) {
            queried.addAll(queriedNames(dashboardExpressions.group(1).replace("\\\"", "\"")));
        }

        assertThat(queried).as("metric names the rules and the dashboard query").hasSizeGreaterThan(15);
        assertThat(exported)
                .as("metric names the services and the broker export")
                .containsAll(queried);
    }

    @Test
    void everyLogLineIsJsonAndAnOrdersLinesCarryItsIds() throws Exception {
        List<Map<String, Object>> commandApi = jsonLines(shop.commandApi());
        List<Map<String, Object>> notifier = jsonLines(shop.notificationService());
        jsonLines(shop.salesProjector());
        jsonLines(shop.webUi());

        Map<String, Object> placed = commandApi.stream()
                .filter(line -> orderId.equals(mdc(line).get("orderId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no command-api line with orderId " + orderId));
        assertThat(mdc(placed)).containsKeys("eventId", "correlationId");
        assertThat(placed).containsKeys("timestamp", "level", "loggerName", "formattedMessage");

        // the order's mail (its keys) goes out on LicencesIssued, which the payment's webhook recorded (ADR 13): the
        // notifier's lines carry that event's ids, as command-api stored them
        String issuedEventId;
        String issuedCorrelationId;
        try (var db = shop.connect();
                var select = db.prepareStatement("SELECT event_id::text, correlation_id FROM commands.events"
                        + " WHERE aggregate_id = ? AND type = 'LicencesIssued'")) {
            select.setString(1, orderId);
            try (var row = select.executeQuery()) {
                assertThat(row.next()).as("LicencesIssued of " + orderId).isTrue();
                issuedEventId = row.getString(1);
                issuedCorrelationId = row.getString(2);
            }
        }
        assertThat(issuedCorrelationId).as("correlation id of LicencesIssued").isNotBlank();
        assertThat(notifier)
                .as("notification-service lines about the order")
                .anySatisfy(line -> assertThat(mdc(line))
                        .containsEntry("orderId", orderId)
                        .containsEntry("eventId", issuedEventId)
                        .containsEntry("correlationId", issuedCorrelationId));
    }

    private List<ServiceProcess> services() {
        return List.of(shop.commandApi(), shop.salesProjector(), shop.notificationService(), shop.webUi());
    }

    private List<Map<String, Object>> jsonLines(ServiceProcess service) throws IOException {
        byte[] log = Files.readAllBytes(service.log());
        int start = Math.toIntExact(logStart.getOrDefault(service.name(), 0L));
        List<String> lines = new String(log, start, log.length - start, StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(lines).as("%s wrote its start-up", service.name()).hasSizeGreaterThan(3);
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String line : lines) {
            try {
                parsed.add(TestHttp.read(line, Argument.mapOf(String.class, Object.class)));
            } catch (RuntimeException e) {
                throw new AssertionError(service.name() + " wrote a line that is not one JSON object: " + line, e);
            }
        }
        return parsed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mdc(Map<String, Object> line) {
        Object mdc = line.get("mdc");
        return mdc instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String scrape(String url) {
        var response = TestHttp.get(url);
        assertThat(response.status()).as("%s answers", url).isEqualTo(200);
        return response.body();
    }

    /** Series names of a Prometheus text exposition, histogram series (_bucket, _sum, _count) included. */
    private static Set<String> metricNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /**
     * Metric names in a PromQL expression: label matchers, ranges, grouping labels and strings taken out,
     * functions (a name before a parenthesis) and recording rules (a name with a colon) left out.
     */
    static Set<String> queriedNames(String expression) {
        String bare = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher identifier =
                Pattern.compile("(?<![\\w.])([a-zA-Z_:][\\w:]*)(\\s*\\()?").matcher(bare);
        while (identifier.find()) {
            String name = identifier.group(1);
            if (identifier.group(2) == null && !name.contains(":") && !PROMQL_WORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}
