package com.licenceshop.web.system;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupSecretsTest {

    @Test
    void theWebUiRefusesToStartWithoutItsSecretsAndSaysWhichAreMissing() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("micronaut.security.csrf.signature-key", "x".repeat(40))).close())
                .hasStackTraceContaining("JWT_SECRET is not set")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(stackOf(e)).doesNotContain("CSRF_SECRET is not set"));
    }

    @Test
    void aSecretShorterThan256BitsIsRefused() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "micronaut.security.token.jwt.signatures.secret.generator.secret", "x".repeat(40),
                "micronaut.security.csrf.signature-key", "short")).close())
                .hasStackTraceContaining("CSRF_SECRET is shorter than 32 characters");
    }

    private static String stackOf(Throwable e) {
        var out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
