package com.licenceshop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * KEDA's target per replica is more than what one busy replica holds unacknowledged (its prefetch): KEDA counts
 * ready + unacknowledged messages, so a target below the prefetch makes busy replicas alone ask for more
 * (docs/operations.md#scaling has the arithmetic). Each batch fits in the prefetch. Both count messages, and under
 * load a message carries up to EventBatches.MAX_EVENTS events (transport version 2): prefetches and targets are
 * the event figures divided by it.
 */
class AutoscalingArithmeticTest {

    private final List<RenderedOverlay> overlays =
            List.of(RenderedOverlay.render("local"), RenderedOverlay.render("production"));

    @Test
    void theNotifiersTargetExceedsItsPrefetchOfTwoBatchesPerSender() throws IOException {
        ApplicationConfig config = ApplicationConfig.of(Repository.ROOT, "notification-service");
        int consumers = Integer.parseInt(config.valueOrDefault("shop.notification.consumers"));
        int senders = Integer.parseInt(config.valueOrDefault("shop.notification.concurrency"));
        int batch = Integer.parseInt(config.valueOrDefault("shop.notification.batch-size"));
        int pack = constant(
                "service-defaults/src/main/java/com/licenceshop/servicedefaults/EventBatches.java", "MAX_EVENTS");
        // NotificationConsumer.prefetch(): two full batches of events for every sender, spread over the consumer
        // channels, in full messages, at least one message per sender
        int eventsPerChannel = (2 * senders * batch + consumers - 1) / consumers;
        int perChannel = Math.max((senders + consumers - 1) / consumers, (eventsPerChannel + pack - 1) / pack);
        assertTargetsExceed("notification-service", consumers * perChannel);
    }

    @Test
    void theProjectorsTargetExceedsItsPrefetchAndItsBatchFitsInIt() throws IOException {
        ApplicationConfig config = ApplicationConfig.of(Repository.ROOT, "sales-projector");
        int consumers = Integer.parseInt(config.valueOrDefault("shop.projector.consumers"));
        int batch = Integer.parseInt(config.valueOrDefault("shop.projector.batch-size"));
        int pack = constant(
                "service-defaults/src/main/java/com/licenceshop/servicedefaults/EventBatches.java", "MAX_EVENTS");
        int perConsumer = constant(
                "sales-projector/src/main/java/com/licenceshop/projector/inbound/ProjectorConsumer.java", "PREFETCH");
        assertThat(batch)
                .as("a batch of events fits in one consumer's prefetch of full messages")
                .isLessThanOrEqualTo(perConsumer * pack);
        assertTargetsExceed("sales-projector", consumers * perConsumer);
    }

    private void assertTargetsExceed(String deployment, int prefetch) {
        for (RenderedOverlay overlay : overlays) {
            Node scaled = overlay.ofKind("ScaledObject").stream()
                    .filter(s ->
                            deployment.equals(s.at("spec.scaleTargetRef.name").text()))
                    .findFirst()
                    .orElseThrow();
            for (Node trigger : scaled.at("spec.triggers").list()) {
                int target = Integer.parseInt(trigger.at("metadata.value").text());
                assertThat(target)
                        .as("%s: %s's KEDA target against one replica's prefetch %d", overlay, deployment, prefetch)
                        .isGreaterThan(prefetch);
            }
        }
    }

    /** A constant read from its source (deploy-tests do not depend on the services). */
    private static int constant(String file, String name) throws IOException {
        String source = Files.readString(Repository.ROOT.resolve(file));
        Matcher m = Pattern.compile("static final int " + name + " = (\\d+);").matcher(source);
        assertThat(m.find()).as("%s declares %s", file, name).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
