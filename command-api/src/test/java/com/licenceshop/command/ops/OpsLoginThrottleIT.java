package com.licenceshop.command.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Guessing the ops password: after five wrong logins from an address, it waits, also with the right one. */
@MicronautTest(transactional = false)
class OpsLoginThrottleIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Test
    void fiveWrongOpsLoginsLockTheAddressEvenForTheRightPassword() {
        Http http = new Http(server.getURI());
        for (int i = 0; i < 5; i++) {
            var guess = http.send(http.request("/api/ops/outbox")
                    .header("Authorization", TestHttp.basic(OPS_USERNAME, "guess-" + i))
                    .GET());
            assertThat(guess.status()).isEqualTo(401);
        }

        assertThat(http.getAsOps("/api/ops/outbox").status())
                .as("locked, also for the right password")
                .isEqualTo(401);
        await("the lock ends")
                .atMost(Duration.ofSeconds(5))
                .until(() -> http.getAsOps("/api/ops/outbox").status() == 200);
    }
}
