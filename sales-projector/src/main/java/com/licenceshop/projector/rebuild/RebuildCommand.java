package com.licenceshop.projector.rebuild;

import io.micronaut.context.ApplicationContext;
import java.util.Map;

/**
 * {@code java -jar sales-projector-…-runner.jar rebuild}: the same rebuild as {@code POST /ops/rebuild}, run in
 * the foreground with progress on stdout, for ops who prefer a shell (or a Kubernetes Job). It starts no
 * HTTP server and does not consume; running projector instances pause for the swap as usual.
 */
public final class RebuildCommand {

    public static final String NAME = "rebuild";

    private RebuildCommand() {}

    /** Returns the process exit code: 0 done, 1 failed, 2 another rebuild is running. */
    public static int run(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("shop.projector.consume", false, "rabbitmq.enabled", false))
                .properties(properties)
                .start()) {
            RebuildSalesProjection rebuild = context.getBean(RebuildSalesProjection.class);
            RebuildStatus result = rebuild.runHere(status -> System.out.printf(
                    "%s %s %d/%s events, %s events/s%s%n",
                    status.state(),
                    status.phase() == null ? "" : status.phase(),
                    status.done(),
                    status.total() == null ? "?" : status.total(),
                    status.eventsPerSecond(),
                    status.etaSeconds() == null ? "" : ", " + status.etaSeconds() + " s to go"));
            if (!"FINISHED".equals(result.state())) {
                System.err.println("rebuild failed: " + result.error());
                return 1;
            }
            return 0;
        } catch (RebuildSalesProjection.AlreadyRunningException e) {
            System.err.println("not started: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("rebuild failed: " + e);
            return 1;
        }
    }
}
