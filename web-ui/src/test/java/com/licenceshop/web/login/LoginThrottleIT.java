package com.licenceshop.web.login;

import static com.licenceshop.web.support.TestShop.OPS_PASSWORD;
import static com.licenceshop.web.support.TestShop.OPS_USER;
import static com.licenceshop.web.support.TestShop.SALES_PASSWORD;
import static com.licenceshop.web.support.TestShop.SALES_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Password guessing is slowed down: the login form and HTTP Basic share one throttle. */
@WebUiIT
class LoginThrottleIT extends AgainstTheTestShop {

    private static final String CAROL = "carol";
    private static final String CAROL_PASSWORD = "carol-keeps-the-books";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("shop.login.throttle.failures-before-lockout", "3");
        properties.put("shop.login.throttle.first-lockout", "1h"); // no lockout ends while the test runs
        properties.put("shop.login.throttle.max-lockout", "1h");
        // a user of its own for each test, so that one test's lockout is not another's
        properties.put(
                "shop.staff.users",
                properties.get("shop.staff.users") + "," + CAROL + ":OPS:"
                        + PasswordHashing.hash(CAROL_PASSWORD, 1_000));
        return properties;
    }

    @Test
    void repeatedWrongPasswordsLockOneLoginButNotOtherStaff() {
        for (int i = 0; i < 3; i++) {
            assertThat(shop.visitor().logIn(SALES_USER, "guess-" + i).location())
                    .isEqualTo("/login/auth?error=true");
        }

        Visitor alice = shop.visitor();
        Visitor.Page rightPassword = alice.logIn(SALES_USER, SALES_PASSWORD);

        assertThat(rightPassword.location()).isEqualTo("/login/auth?error=true");
        assertThat(alice.cookies()).doesNotContainKey("JWT");
        assertThat(shop.visitor()
                        .withBasicAuth(SALES_USER, SALES_PASSWORD)
                        .getJson("/api/sales/summary")
                        .status())
                .isEqualTo(401);
        assertThat(shop.loggedIn(OPS_USER, OPS_PASSWORD).cookies()).containsKey("JWT");
    }

    @Test
    void anUntrustedForwardedHeaderDoesNotEscapeTheLockout() {
        for (int i = 0; i < 3; i++) {
            shop.visitor().withHeader("X-Forwarded-For", "192.0.2." + i).logIn(CAROL, "guess-" + i);
        }

        Visitor carol = shop.visitor().withHeader("X-Forwarded-For", "192.0.2.200");

        assertThat(carol.logIn(CAROL, CAROL_PASSWORD).location()).isEqualTo("/login/auth?error=true");
    }
}
