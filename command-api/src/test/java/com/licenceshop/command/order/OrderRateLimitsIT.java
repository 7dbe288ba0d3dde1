package com.licenceshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Anonymous ordering is limited per client address and per recipient: 429 problem + Retry-After, nothing stored. */
@MicronautTest(transactional = false)
class OrderRateLimitsIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("shop.orders.limits.per-client", "5", "shop.orders.limits.per-recipient", "2");
    }

    @Test
    void twoAnHourPerRecipientFiveAMinutePerClientThen429() throws SQLException {
        Http http = new Http(server.getURI());
        assertThat(http.postJson("/api/orders", Http.order("flooded@example.com", "STARTER", 1))
                        .status())
                .isEqualTo(202);
        assertThat(http.postJson("/api/orders", Http.order("Flooded@Example.com", "STARTER", 1))
                        .status())
                .isEqualTo(202);

        var third = http.postJson("/api/orders", Http.order("flooded@example.com", "STARTER", 1));
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.contentType()).startsWith("application/problem+json");
        assertThat(third.json()).containsEntry("type", "urn:licence-shop:problem:too-many-orders");
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 3600L);

        assertThat(http.postJson("/api/orders", Http.order("other-1@example.com", "STARTER", 1))
                        .status())
                .isEqualTo(202);
        assertThat(http.postJson("/api/orders", Http.order("other-2@example.com", "STARTER", 1))
                        .status())
                .isEqualTo(202);
        var sixth = http.postJson("/api/orders", Http.order("other-3@example.com", "STARTER", 1));
        assertThat(sixth.status())
                .as("the client's five for this minute are used")
                .isEqualTo(429);
        assertThat(Long.parseLong(sixth.header("Retry-After"))).isBetween(1L, 60L);

        assertThat(count("SELECT count(*) FROM commands.orders WHERE lower(customer_email) = 'flooded@example.com'"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM commands.orders WHERE customer_email = 'other-3@example.com'"))
                .isZero();
    }
}
