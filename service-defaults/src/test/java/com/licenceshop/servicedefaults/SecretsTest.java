package com.licenceshop.servicedefaults;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    private static final String GOOD = "Vq3m9Zr7Lk2XwT8pQe5Yh1NbC4uJd6SfGa0RxM+/oKiE";

    @ParameterizedTest
    @ValueSource(strings = {"change-me-to-at-least-32-random-characters", "my-super-secret-key-for-the-web-ui-1",
            "<paste the output of openssl rand -base64 48>", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "abababababababababababababababababababab", "abcdefghijklmnopqrstuvwxyz0123456789",
            "11112222333344441111222233334444"})
    void placeholdersAndObviouslyWeakSecretsAreRefused(String weak) {
        assertThat(Secrets.problem("JWT_SECRET", "signs", weak)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {GOOD, "d41d8cd98f00b204e9800998ecf8427e", "3f9a1c07be54d2e86a0b7c1d9e2f4a6b8c0d1e3f5a7b9c2d"})
    void randomSecretsAsOpensslOrShopUpMakeThemPass(String random) {
        assertThat(Secrets.problem("JWT_SECRET", "signs", random)).isEmpty();
        String testShopStyle = "jwt-" + UUID.randomUUID() + UUID.randomUUID();
        assertThat(Secrets.problem("JWT_SECRET", "signs", testShopStyle)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "short"})
    void aMissingOrShortSecretIsRefused(String missing) {
        assertThat(Secrets.problem("JWT_SECRET", "signs", missing)).isPresent();
    }
}
