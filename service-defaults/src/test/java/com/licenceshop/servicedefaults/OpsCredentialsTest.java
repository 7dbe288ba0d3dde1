package com.licenceshop.servicedefaults;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class OpsCredentialsTest {

    @Test
    void theOpsLoginIsAccepted() {
        assertThat(new OpsCredentials("ops", "s3cret").accept(basic("ops", "s3cret"))).isTrue();
    }

    @Test
    void aWrongPasswordOrUserOrSchemeIsRefused() {
        var credentials = new OpsCredentials("ops", "s3cret");
        assertThat(credentials.accept(basic("ops", "guess"))).isFalse();
        assertThat(credentials.accept(basic("admin", "s3cret"))).isFalse();
        assertThat(credentials.accept("Bearer s3cret")).isFalse();
        assertThat(credentials.accept("Basic not-base64!")).isFalse();
        assertThat(credentials.accept(null)).isFalse();
    }

    @Test
    void withoutAConfiguredPasswordNothingIsAccepted() {
        assertThat(new OpsCredentials("ops", null).accept(basic("ops", ""))).isFalse();
        assertThat(new OpsCredentials("ops", "").accept(basic("ops", ""))).isFalse();
        assertThat(new OpsCredentials("ops", "  ").accept(basic("ops", "  "))).isFalse();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
