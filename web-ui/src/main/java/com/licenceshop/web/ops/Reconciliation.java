package com.licenceshop.web.ops;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/** The projector's reconciliation: does the read model match what the event store says? */
record Reconciliation(
        boolean ran,
        boolean matches,
        @Nullable Figures readModel,
        @Nullable Figures eventStore,
        @Nullable String problem) {

    record Figures(long orders, long licences, long revenueCents) {
        @SuppressWarnings("unchecked")
        static Figures of(Object value) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            return new Figures(number(map.get("orders")), number(map.get("licences")), number(map.get("revenueCents")));
        }
    }

    static Reconciliation of(Map<String, Object> result) {
        return new Reconciliation(
                true,
                Boolean.TRUE.equals(result.get("matches")),
                Figures.of(result.get("readModel")),
                Figures.of(result.get("eventStore")),
                null);
    }

    static Reconciliation failed(String why) {
        return new Reconciliation(false, false, null, null, why);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
