package com.licenceshop.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.testsupport.StaffTokenKeys;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupSecretsTest {

    private static final String GOOD = "Vq3m9Zr7Lk2XwT8pQe5Yh1NbC4uJd6SfGa0RxM+/oKiE";
    private static final StaffTokenKeys KEYS = StaffTokenKeys.generate();

    @Test
    void theWebUiRefusesToStartWithoutItsSecretsNamingTheMissing() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("micronaut.security.csrf.signature-key", GOOD))
                        .close())
                .hasStackTraceContaining("STAFF_TOKEN_SIGNING_KEY is not set")
                .hasStackTraceContaining("STAFF_TOKEN_PUBLIC_KEY is not set")
                .hasStackTraceContaining("openssl genpkey -algorithm EC")
                .satisfies(e -> assertThat(stackOf(e)).doesNotContain("CSRF_SECRET is not set"));
    }

    @Test
    void aSecretShorterThan256BitsIsRefused() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                                "shop.staff.token-signing-key",
                                KEYS.signingKey(),
                                "shop.staff.token-public-key",
                                KEYS.publicKeyText(),
                                "micronaut.security.csrf.signature-key",
                                "short"))
                        .close())
                .hasStackTraceContaining("CSRF_SECRET is shorter than 32 characters")
                .satisfies(e -> assertThat(stackOf(e)).doesNotContain("STAFF_TOKEN"));
    }

    @Test
    void envExamplePlaceholdersAreRefusedWithAHintToGenerateSecrets() throws IOException {
        Map<String, String> example = envExample();

        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                                "shop.staff.token-signing-key", example.get("STAFF_TOKEN_SIGNING_KEY"),
                                "shop.staff.token-public-key", example.get("STAFF_TOKEN_PUBLIC_KEY"),
                                "micronaut.security.csrf.signature-key", example.get("CSRF_SECRET")))
                        .close())
                .hasStackTraceContaining("STAFF_TOKEN_SIGNING_KEY is a placeholder")
                .hasStackTraceContaining("STAFF_TOKEN_PUBLIC_KEY is a placeholder")
                .hasStackTraceContaining("CSRF_SECRET is a placeholder")
                .hasStackTraceContaining("openssl rand -base64 48");
    }

    @Test
    void aPublicKeyOfAnotherPairOrGarbageIsRefused() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                                "shop.staff.token-signing-key", KEYS.signingKey(),
                                "shop.staff.token-public-key",
                                        StaffTokenKeys.generate().publicKeyText(),
                                "micronaut.security.csrf.signature-key", GOOD))
                        .close())
                .hasStackTraceContaining("STAFF_TOKEN_PUBLIC_KEY is not the public half of STAFF_TOKEN_SIGNING_KEY");
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                                "shop.staff.token-signing-key",
                                "bm90IGEga2V5IGF0IGFsbA==",
                                "shop.staff.token-public-key",
                                KEYS.publicKeyText(),
                                "micronaut.security.csrf.signature-key",
                                GOOD))
                        .close())
                .hasStackTraceContaining("STAFF_TOKEN_SIGNING_KEY is not a base64 PKCS#8 P-256 private key");
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
