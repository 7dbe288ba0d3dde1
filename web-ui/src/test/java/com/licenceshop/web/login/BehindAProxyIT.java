package com.licenceshop.web.login;

import static com.licenceshop.web.support.TestShop.SALES_PASSWORD;
import static com.licenceshop.web.support.TestShop.SALES_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.TestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web UI behind a TLS-terminating reverse proxy (the test client plays the proxy, from 127.0.0.1): logins
 * are throttled per real client, and the cookie settings follow the configuration.
 */
@WebUiIT
class BehindAProxyIT extends AgainstTheTestShop {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("shop.trusted-proxies", "10.9.0.0/16, 127.0.0.1");
        properties.put("shop.login.throttle.failures-before-lockout", "3");
        properties.put("shop.login.throttle.first-lockout", "1h");
        properties.put("shop.login.throttle.max-lockout", "1h");
        properties.put("micronaut.security.token.cookie.cookie-secure", "false");
        properties.put("micronaut.security.token.generator.access-token.expiration", "600");
        return properties;
    }

    @Test
    void aGuesserBehindAProxyIsLockedOutButNotAColleague() {
        for (int i = 0; i < 3; i++) {
            shop.visitor().withHeader("X-Forwarded-For", "203.0.113.66").logIn(SALES_USER, "guess-" + i);
        }

        Visitor guesser = shop.visitor().withHeader("X-Forwarded-For", "203.0.113.66");
        Visitor alice = shop.visitor().withHeader("X-Forwarded-For", "198.51.100.7");

        assertThat(guesser.logIn(SALES_USER, SALES_PASSWORD).location()).isEqualTo("/login/auth?error=true");
        assertThat(alice.logIn(SALES_USER, SALES_PASSWORD).location()).isNotEqualTo("/login/auth?error=true");
        assertThat(alice.cookies()).containsKey("JWT");
    }

    @Test
    void whatAClientWritesLeftOfTheProxysEntryIsIgnored() {
        for (int i = 0; i < 3; i++) {
            // the client varies the header it sends; the proxy appends the real address after it
            shop.visitor()
                    .withHeader("X-Forwarded-For", "192.0.2." + i + ", 203.0.113.77, 10.9.1.1")
                    .logIn(SALES_USER, "guess-" + i);
        }

        Visitor guesser = shop.visitor().withHeader("X-Forwarded-For", "192.0.2.99, 203.0.113.77");

        assertThat(guesser.logIn(SALES_USER, SALES_PASSWORD).location()).isEqualTo("/login/auth?error=true");
    }

    @Test
    void theCookieFollowsTheConfiguredLifetimeAndSecureFlag() {
        Visitor bob = shop.visitor().withHeader("X-Forwarded-For", "198.51.100.8");

        Visitor.Page login = bob.logIn(TestShop.OPS_USER, TestShop.OPS_PASSWORD);

        String setCookie = login.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                .flatMap(e -> e.getValue().stream())
                .filter(c -> c.startsWith("JWT="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).doesNotContainIgnoringCase("secure").containsIgnoringCase("Max-Age=600");
        String jwt = bob.cookies().get("JWT");
        assertThat(LoginCookies.numericClaim(jwt, "exp") - LoginCookies.numericClaim(jwt, "iat"))
                .isEqualTo(600);
    }
}
