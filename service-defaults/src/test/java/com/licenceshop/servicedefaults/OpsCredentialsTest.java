package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.security.authentication.UsernamePasswordCredentials;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class OpsCredentialsTest {

    @Test
    void theOpsLoginIsAcceptedAndGrantsTheOpsRole() {
        var answer = new OpsAuthentication<>(new OpsCredentials("ops", "s3cret"), java.time.Clock.systemUTC())
                .authenticate(null, new UsernamePasswordCredentials("ops", "s3cret"));
        assertThat(answer.isAuthenticated()).isTrue();
        assertThat(answer.getAuthentication()).hasValueSatisfying(login -> {
            assertThat(login.getName()).isEqualTo("ops");
            assertThat(login.getRoles()).containsExactly("OPS");
        });
    }

    @Test
    void aWrongPasswordOrUserIsRefused() {
        var credentials = new OpsCredentials("ops", "s3cret");
        assertThat(credentials.accept("ops", "guess")).isFalse();
        assertThat(credentials.accept("admin", "s3cret")).isFalse();
        assertThat(credentials.accept("ops", "s3cret ")).isFalse();
        assertThat(credentials.accept("ops", null)).isFalse();
        assertThat(new OpsAuthentication<>(credentials, java.time.Clock.systemUTC())
                        .authenticate(null, new UsernamePasswordCredentials("ops", "guess"))
                        .isAuthenticated())
                .isFalse();
    }

    @Test
    void withoutAConfiguredPasswordNothingIsAccepted() {
        assertThat(new OpsCredentials("ops", null).accept("ops", "")).isFalse();
        assertThat(new OpsCredentials("ops", "").accept("ops", "")).isFalse();
        assertThat(new OpsCredentials("ops", "  ").accept("ops", "  ")).isFalse();
    }

    @Test
    void aCallerPresentsTheLoginAsHttpBasic() {
        var request = new OpsCredentials("ops", "s3cret")
                .presentTo(HttpRequest.newBuilder(URI.create("http://localhost/")))
                .build();
        assertThat(request.headers().firstValue("Authorization")).hasValue("Basic b3BzOnMzY3JldA==");
    }
}
