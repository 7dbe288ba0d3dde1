package com.licenceshop.command.ops;

import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What a replay request asks for, checked: which consumer's queue, and the range {@code after < sequence <= upTo}.
 * Plain Java; the head sequence is asked for only when {@code upTo} is left out.
 */
record ReplayPlan(String consumer, String queue, long after, long upTo) {

    /** Most events one call may replay: a bigger range is split by the caller into several calls. */
    static final long MAX_EVENTS = 100_000;

    /** The consumers a replay can address, and their queue in a topology. */
    static final Map<String, Function<Topology, String>> CONSUMERS = Map.of(
            "sales-projector", Topology::salesProjectorQueue,
            "notification-service", Topology::notificationQueue);

    static final String ALLOWED = "sales-projector, notification-service";

    /** Either a plan or the violated rules. */
    record Checked(ReplayPlan plan, List<Violation> violations) {}

    static Checked check(ReplayRequest request, Topology topology, LongSupplier head) {
        List<Violation> violations = new ArrayList<>();
        String consumer = request.consumer();
        if (consumer == null || consumer.isBlank()) {
            violations.add(new Violation("consumer", "required", "name the consumer: one of " + ALLOWED));
        } else if (!CONSUMERS.containsKey(consumer)) {
            violations.add(new Violation("consumer", "known-consumer", "must be one of " + ALLOWED));
        }
        Long after = request.after();
        if (after == null) {
            violations.add(new Violation("after", "required", "the sequence to start after (0 = from the start)"));
        } else if (after < 0) {
            violations.add(new Violation("after", "range", "must be 0 or more"));
        }
        Long upTo = request.upTo();
        if (after != null && after >= 0 && upTo != null) {
            if (upTo <= after) {
                violations.add(new Violation("upTo", "range", "must be greater than after"));
            } else if (upTo - after > MAX_EVENTS) {
                violations.add(new Violation("upTo", "max-range", "at most " + MAX_EVENTS + " events per call"));
            }
        }
        if (!violations.isEmpty()) {
            return new Checked(null, violations);
        }
        long end = upTo != null ? upTo : Math.max(after, head.getAsLong());
        if (end - after > MAX_EVENTS) {
            return new Checked(
                    null,
                    List.of(new Violation(
                            "upTo",
                            "max-range",
                            "the head is " + end + "; give an upTo at most " + MAX_EVENTS + " after " + after)));
        }
        return new Checked(new ReplayPlan(consumer, CONSUMERS.get(consumer).apply(topology), after, end), List.of());
    }
}
