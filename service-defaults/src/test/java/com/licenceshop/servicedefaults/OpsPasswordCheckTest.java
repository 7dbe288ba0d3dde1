package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** OPS_PASSWORD is checked at start like every other secret. */
class OpsPasswordCheckTest {

    @Test
    void anExamplePlaceholderOrShortOrGuessableOpsPasswordStopsTheStart() {
        for (String weak :
                new String[] {"change-me", "s3cret", "ops-password-ops-password-ops-password", "a".repeat(40)}) {
            assertThatThrownBy(() -> ApplicationContext.run(Map.of("shop.ops.password", weak))
                            .close())
                    .as(weak)
                    .hasStackTraceContaining("OPS_PASSWORD");
        }
    }

    @Test
    void aGeneratedOpsPasswordOrNoneStarts() {
        assertThatCode(() -> ApplicationContext.run(
                                Map.of("shop.ops.password", UUID.randomUUID().toString()))
                        .close())
                .doesNotThrowAnyException();
        assertThatCode(() -> ApplicationContext.run(Map.of()).close()).doesNotThrowAnyException();
    }
}
