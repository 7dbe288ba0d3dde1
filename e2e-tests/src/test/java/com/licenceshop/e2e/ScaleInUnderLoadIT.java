package com.licenceshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.ServiceProcess;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * KEDA scaling in under load: three instances of each consumer share their queue while shoppers keep buying,
 * then two of each get SIGTERM, as Kubernetes stops pods, with their prefetch in flight. Every accepted and paid
 * purchase is still counted once and mailed exactly once (its keys), and each stopped instance exits well inside its pod's
 * terminationGracePeriodSeconds (minus the preStop sleep that runs first).
 */
class ScaleInUnderLoadIT extends AgainstTheWholeShop {

    /** deploy/k8s/base/pod-defaults.yaml: the preStop sleep that runs before SIGTERM, inside the grace period. */
    private static final Duration PRE_STOP = Duration.ofSeconds(5);

    @Test
    void scalingConsumersDownLosesOrDuplicatesNothingAndDrainsWithinGrace() throws Exception {
        List<ServiceProcess> extras = new ArrayList<>();
        for (String module : List.of("sales-projector", "notification-service")) {
            extras.add(shop.startService(module, module + "-2"));
            extras.add(shop.startService(module, module + "-3"));
        }
        Shoppers shoppers = Shoppers.start(shop.commandApi().baseUrl(), 4);
        Map<String, Duration> drains = new ConcurrentHashMap<>();
        try {
            shoppers.awaitAccepted(300);
            for (ServiceProcess extra : extras) {
                String module = extra.name().replaceFirst("-\\d+$", "");
                drains.put(extra.name(), extra.terminate(gracePeriodOf(module)));
            }
            shoppers.awaitAccepted(shoppers.accepted.size() + 300);
        } finally {
            shoppers.stop();
        }
        System.out.println("scale-in: " + shoppers.accepted.size() + " purchases; drain after SIGTERM: " + drains);

        assertThat(shoppers.refused).as("purchases refused").isEmpty();
        for (var drain : drains.entrySet()) {
            String module = drain.getKey().replaceFirst("-\\d+$", "");
            assertThat(drain.getValue())
                    .as("%s's shutdown, against its grace period minus the preStop sleep", drain.getKey())
                    .isLessThan(gracePeriodOf(module).minus(PRE_STOP));
        }
        Set<String> orderIds = Set.copyOf(shoppers.accepted.keySet());
        long revenue = shoppers.revenue();
        await("every accepted purchase counted once")
                .atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> {
                    try (Connection db = shop.connect();
                            ResultSet summary = db.createStatement()
                                    .executeQuery("SELECT orders, revenue_cents FROM sales.current_summary")) {
                        summary.next();
                        assertThat(summary.getLong("orders")).isEqualTo(orderIds.size());
                        assertThat(summary.getLong("revenue_cents")).isEqualTo(revenue);
                    }
                });
        await("a mail for every accepted purchase")
                .atMost(Duration.ofSeconds(120))
                .until(() -> mailsByOrder().keySet().containsAll(orderIds));
        await("mail ledger settled")
                .atMost(Duration.ofSeconds(30))
                .until(() -> shop.sentConfirmations() == orderIds.size());
        // a graceful stop finishes or returns what it holds: not even the resend a SIGKILL may cause
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> shop.smtp.getReceivedMessages().length == orderIds.size());
        Map<String, List<MimeMessage>> mails = mailsByOrder();
        assertThat(mails.keySet()).isEqualTo(orderIds);
        assertThat(mails.values()).allSatisfy(copies -> assertThat(copies).hasSize(1));
    }

    private Map<String, List<MimeMessage>> mailsByOrder() {
        return List.of(shop.smtp.getReceivedMessages()).stream().collect(Collectors.groupingBy(Mails::orderIdIn));
    }

    /** terminationGracePeriodSeconds of the module's Deployment in deploy/k8s/base. */
    private static Duration gracePeriodOf(String module) {
        Path manifest =
                Path.of(System.getProperty("shop.services.dir", "..")).resolve("deploy/k8s/base/" + module + ".yaml");
        try {
            Matcher m = Pattern.compile("terminationGracePeriodSeconds: (\\d+)").matcher(Files.readString(manifest));
            assertThat(m.find())
                    .as(manifest + " sets terminationGracePeriodSeconds")
                    .isTrue();
            return Duration.ofSeconds(Long.parseLong(m.group(1)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
