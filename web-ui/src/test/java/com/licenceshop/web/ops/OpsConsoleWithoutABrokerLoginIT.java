package com.licenceshop.web.ops;

import static com.licenceshop.web.support.TestShop.OPS_PASSWORD;
import static com.licenceshop.web.support.TestShop.OPS_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import org.junit.jupiter.api.Test;

/**
 * No broker login configured: the console says the queue figures are unavailable, and never tries a default
 * (the machine's broker would let {@code guest} in).
 */
@WebUiIT
class OpsConsoleWithoutABrokerLoginIT extends AgainstTheTestShop {

    @Test
    void theConsoleSaysQueueFiguresAreUnavailableRatherThanUseGuest() {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);

        Visitor.Page console = bob.get("/ops");

        assertThat(console.status()).isEqualTo(200);
        assertThat(console.count("queue-row")).isEqualTo(2);
        assertThat(console.body())
                .contains(
                        "queue figures unavailable: RABBITMQ_MANAGEMENT_USER and RABBITMQ_MANAGEMENT_PASSWORD are not set")
                .doesNotContain("does not exist yet");
    }
}
