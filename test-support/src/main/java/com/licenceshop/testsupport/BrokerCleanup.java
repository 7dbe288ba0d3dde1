package com.licenceshop.testsupport;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the exchanges and queues of test namespaces from the shared broker, through the management API
 * (AMQP cannot list them). Best effort: without the management plugin, leftovers stay and harm no one, since
 * no other run uses their names.
 */
final class BrokerCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerCleanup.class);
    /** t + creation time (epoch seconds, base 36) + "-" + random: the age tells a killed run's leftovers. */
    private static final Pattern TEST_NAMESPACE = Pattern.compile("^(t([0-9a-z]+)-[0-9a-f]{8})\\.");

    private static final Duration STALE_AFTER = Duration.ofHours(3);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> namespacesOfThisRun = new ArrayList<>();
    private static boolean hookInstalled;

    private BrokerCleanup() {}

    static String newNamespace() {
        return "t" + Long.toString(Instant.now().getEpochSecond(), 36) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    static synchronized void deleteAtExit(TestServers.RabbitBroker broker, String namespace) {
        namespacesOfThisRun.add(namespace);
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteNamespaces(broker), "delete-test-namespaces"));
        }
    }

    private static synchronized void deleteNamespaces(TestServers.RabbitBroker broker) {
        if ("true".equalsIgnoreCase(System.getenv("SHOP_TEST_KEEP_DATABASES"))) {
            return;
        }
        try {
            long staleBefore = Instant.now().minus(STALE_AFTER).getEpochSecond();
            for (String kind : List.of("queues", "exchanges")) {
                for (String name : names(broker, kind)) {
                    Matcher matcher = TEST_NAMESPACE.matcher(name);
                    if (!matcher.find()) {
                        continue;
                    }
                    boolean ours = namespacesOfThisRun.contains(matcher.group(1));
                    boolean stale = Long.parseLong(matcher.group(2), 36) < staleBefore;
                    if (ours || stale) {
                        send(
                                broker,
                                HttpRequest.newBuilder(url(broker, kind, name)).DELETE());
                    }
                }
            }
        } catch (Exception e) {
            LOG.debug("could not delete test namespaces from the broker: {}", e.getMessage());
        }
    }

    private static List<String> names(TestServers.RabbitBroker broker, String kind) throws Exception {
        String body =
                send(broker, HttpRequest.newBuilder(url(broker, kind, null)).GET());
        List<String> names = new ArrayList<>();
        Matcher matcher = Pattern.compile("\"name\":\"([^\"]*)\"").matcher(body);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static URI url(TestServers.RabbitBroker broker, String kind, String name) {
        String vhost = URLEncoder.encode(broker.virtualHost(), StandardCharsets.UTF_8);
        String path = "/api/" + kind + "/" + vhost
                + (name == null ? "?columns=name" : "/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        return URI.create(broker.managementUrl() + path);
    }

    private static String send(TestServers.RabbitBroker broker, HttpRequest.Builder request) throws Exception {
        String credentials = Base64.getEncoder()
                .encodeToString((broker.username() + ":" + broker.password()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(
                request.header("Authorization", "Basic " + credentials)
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
