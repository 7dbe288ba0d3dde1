package com.licenceshop.web.system;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupSecretsTest {

    private static final String GOOD = "Vq3m9Zr7Lk2XwT8pQe5Yh1NbC4uJd6SfGa0RxM+/oKiE";

    @Test
    void theWebUiRefusesToStartWithoutItsSecretsAndSaysWhichAreMissing() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("micronaut.security.csrf.signature-key", GOOD)).close())
                .hasStackTraceContaining("JWT_SECRET is not set")
                .hasStackTraceContaining("openssl rand -base64 48")
                .satisfies(e -> assertThat(stackOf(e)).doesNotContain("CSRF_SECRET is not set"));
    }

    @Test
    void aSecretShorterThan256BitsIsRefused() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "micronaut.security.token.jwt.signatures.secret.generator.secret", GOOD,
                "micronaut.security.csrf.signature-key", "short")).close())
                .hasStackTraceContaining("CSRF_SECRET is shorter than 32 characters");
    }

    @Test
    void thePlaceholdersOfTheEnvExampleAreRefusedWithAHintHowToGenerateASecret() throws IOException {
        Map<String, String> example = envExample();

        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "micronaut.security.token.jwt.signatures.secret.generator.secret", example.get("JWT_SECRET"),
                "micronaut.security.csrf.signature-key", example.get("CSRF_SECRET"))).close())
                .hasStackTraceContaining("JWT_SECRET is a placeholder")
                .hasStackTraceContaining("CSRF_SECRET is a placeholder")
                .hasStackTraceContaining("openssl rand -base64 48");
    }

    @Test
    void theSameValueForBothSecretsIsRefused() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "micronaut.security.token.jwt.signatures.secret.generator.secret", GOOD,
                "micronaut.security.csrf.signature-key", GOOD)).close())
                .hasStackTraceContaining("JWT_SECRET and CSRF_SECRET are the same");
    }

    private static Map<String, String> envExample() throws IOException {
        Map<String, String> values = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("..", ".env.example"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    private static String stackOf(Throwable e) {
        var out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
