package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theIdsAreInTheMdcInsideTheBlockOnly() {
        try (var log = LogContext.with("eventId", "e1").and("orderId", 42)) {
            assertThat(MDC.get("eventId")).isEqualTo("e1");
            assertThat(MDC.get("orderId")).isEqualTo("42");
        }

        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void aNullIdIsLeftOut() {
        try (var log = LogContext.with("correlationId", null).and("eventId", "e1")) {
            assertThat(MDC.get("correlationId")).isNull();
        }
    }

    @Test
    void anInnerBlockGivesTheOuterBlocksIdsBack() {
        MDC.put("traceId", "t1");
        try (var batch = LogContext.with("eventId", "batch")) {
            try (var one = LogContext.with("eventId", "e1").and("orderId", "o1")) {
                assertThat(MDC.get("eventId")).isEqualTo("e1");
            }
            assertThat(MDC.get("eventId")).isEqualTo("batch");
            assertThat(MDC.get("orderId")).isNull();
        }

        assertThat(MDC.get("eventId")).isNull();
        assertThat(MDC.get("traceId")).isEqualTo("t1");
    }
}
