package com.licenceshop.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.StubCommandApi;
import com.licenceshop.web.support.TestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The browser-hardening headers are on every response: pages, and the login redirects and 401s security makes. */
@WebUiIT
class SecurityHeadersIT extends AgainstTheTestShop {

    @Inject
    StubCommandApi commandApi;

    @Test
    void pagesRedirectsToTheLoginAndRefusalsAllCarryTheHardeningHeaders() {
        Visitor anonymous = shop.visitor();
        Visitor.Page page = anonymous.get("/");
        Visitor.Page toLogin = anonymous.get("/ops");
        Visitor.Page refused = anonymous.getJson("/ops/rebuild/progress");

        assertThat(page.status()).isEqualTo(200);
        assertThat(toLogin.status()).isBetween(300, 399);
        assertThat(refused.status()).isEqualTo(401);
        for (Visitor.Page answer : List.of(page, toLogin, refused)) {
            assertThat(answer.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    @Test
    void pagesWithKeysEmailsOrStaffDataAreNeverCachedOthersRevalidated() {
        String orderId = commandApi.givenAnOrder("cache@example.com");
        Visitor alice = shop.loggedIn(TestShop.SALES_USER, TestShop.SALES_PASSWORD);

        for (Visitor.Page sensitive : List.of(
                shop.visitor().get("/orders/" + orderId),
                alice.get("/sales"),
                alice.get("/catalog"),
                alice.getJson("/api/sales/summary"),
                alice.get("/"),
                shop.visitor().get("/login/auth"),
                shop.visitor().get("/ops"))) {
            assertThat(sensitive.header("Cache-Control")).isEqualTo("no-store");
        }
        assertThat(shop.visitor().get("/").header("Cache-Control")).isEqualTo("private, no-cache");
    }
}
