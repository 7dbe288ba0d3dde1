package com.licenceshop.web.login;

import static com.licenceshop.web.support.TestShop.OPS_PASSWORD;
import static com.licenceshop.web.support.TestShop.OPS_USER;
import static com.licenceshop.web.support.TestShop.SALES_PASSWORD;
import static com.licenceshop.web.support.TestShop.SALES_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.StaffTokens;
import com.licenceshop.web.support.StubCommandApi;
import com.licenceshop.web.support.StubOtherServices;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Login, logout, and who may see and do what: shoppers need nothing, staff need the right role. */
@WebUiIT
class StaffAccessIT extends AgainstTheTestShop {

    @Inject
    StubCommandApi commandApi;

    @Inject
    StubOtherServices.SalesProjector projector;

    @Inject
    StubOtherServices.NotificationService notifier;

    @BeforeEach
    void resetStubs() {
        commandApi.closeCalls.clear();
        projector.reset();
        notifier.redrives.set(0);
    }

    @Test
    void aWrongPasswordIsRejected() {
        Visitor visitor = shop.visitor();

        Visitor.Page login = visitor.logIn(SALES_USER, "not-" + SALES_PASSWORD);

        assertThat(login.status()).isEqualTo(303);
        assertThat(login.location()).isEqualTo("/login/auth?error=true");
        assertThat(visitor.cookies()).doesNotContainKey("JWT");
        assertThat(visitor.get(login.location()).count("login-error")).isEqualTo(1);
        assertThat(visitor.get("/sales").location()).startsWith("/login/auth");
    }

    @Test
    void anUnknownUserIsRejected() {
        Visitor visitor = shop.visitor();

        Visitor.Page login = visitor.logIn("mallory", SALES_PASSWORD);

        assertThat(login.location()).isEqualTo("/login/auth?error=true");
        assertThat(visitor.cookies()).doesNotContainKey("JWT");
    }

    @Test
    void salesStaffLogInAndLandOnTheDashboard() {
        Visitor alice = shop.visitor();

        Visitor.Page login = alice.logIn(SALES_USER, SALES_PASSWORD);
        assertThat(login.status()).isEqualTo(303);
        Visitor.Page home = alice.get(login.location());

        assertThat(home.location()).isEqualTo("/sales");
        Visitor.Page dashboard = alice.get("/sales");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.count("figure-orders")).isEqualTo(1);
        assertThat(dashboard.body()).contains("Log out alice");
    }

    @Test
    void theLoginCookieLastsAnHourAndIsOnlySentOverHttps() {
        Visitor alice = shop.visitor();

        Visitor.Page login = alice.logIn(SALES_USER, SALES_PASSWORD);

        String setCookie = login.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                .flatMap(e -> e.getValue().stream())
                .filter(c -> c.startsWith("JWT="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie)
                .containsIgnoringCase("; Secure")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("Max-Age=3600");
        String jwt = alice.cookies().get("JWT");
        assertThat(LoginCookies.numericClaim(jwt, "exp") - LoginCookies.numericClaim(jwt, "iat"))
                .isEqualTo(3600);
    }

    @Test
    void onlyTheShopItselfCanSetTheCsrfCookieOverHttps() {
        Visitor.Page shopPage = shop.visitor().get("/");

        // __Host-: the browser refuses the cookie from a sibling domain or plain http, so nobody can plant a
        // cookie/token pair of their own in a staff member's browser (why tokens need no binding to the login)
        String setCookie = shopPage.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                .flatMap(e -> e.getValue().stream())
                .filter(c -> c.startsWith("__Host-"))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie)
                .containsIgnoringCase("; Secure")
                .containsIgnoringCase("Path=/")
                .doesNotContainIgnoringCase("Domain=");
    }

    @Test
    void aCookieWithoutExpiryForCommandApiOrForeignIsNoLogin() {
        // signed with the shop's own key, so only the claims can be wrong
        JWTClaimsSet valid = new JWTClaimsSet.Builder()
                .subject(SALES_USER)
                .issuer("web-ui")
                .audience("web-ui")
                .claim("roles", List.of("SALES"))
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build();
        Visitor control = shop.visitor();
        control.setCookie("JWT", StaffTokens.sign(valid));
        assertThat(control.get("/sales").status())
                .as("the control: the same token with its claims right")
                .isEqualTo(200);

        for (JWTClaimsSet wrong : List.of(
                new JWTClaimsSet.Builder(valid).expirationTime(null).build(),
                new JWTClaimsSet.Builder(valid).audience("command-api").build(),
                new JWTClaimsSet.Builder(valid).audience((String) null).build(),
                new JWTClaimsSet.Builder(valid).issuer("command-api").build())) {
            Visitor visitor = shop.visitor();
            visitor.setCookie("JWT", StaffTokens.sign(wrong));
            assertThat(visitor.get("/sales").location()).as(wrong.toString()).startsWith("/login/auth");
        }
    }

    @Test
    void opsStaffLandOnTheOpsConsole() {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);

        assertThat(bob.get("/staff").location()).isEqualTo("/ops");
    }

    @Test
    void afterLoginStaffGoBackToThePageTheyAskedFor() {
        Visitor bob = shop.visitor();
        assertThat(bob.get("/ops").location()).startsWith("/login/auth");

        Visitor.Page login = bob.logIn(OPS_USER, OPS_PASSWORD);

        assertThat(login.location()).isEqualTo("/ops");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/x", "//evil.example/x", "/\\evil.example/x", "https:/evil.example"})
    void aPlantedOriginalUriCannotSendAFreshLoginToAnotherSite(String planted) {
        Visitor alice = shop.visitor();
        alice.setCookie("ORIGINAL_URI", planted);

        Visitor.Page login = alice.logIn(SALES_USER, SALES_PASSWORD);

        assertThat(login.status()).isEqualTo(303);
        assertThat(login.location()).isEqualTo("/staff");
        assertThat(alice.cookies()).containsKey("JWT").doesNotContainKey("ORIGINAL_URI");
    }

    @Test
    void loggingOutEndsTheStaffSession() {
        Visitor alice = shop.loggedIn(SALES_USER, SALES_PASSWORD);
        Visitor.Page dashboard = alice.get("/sales");

        Visitor.Page logout = alice.submit(dashboard, "/logout", Map.of());

        assertThat(logout.status()).isEqualTo(303);
        assertThat(alice.cookies()).doesNotContainKey("JWT");
        assertThat(alice.get("/sales").location()).startsWith("/login/auth");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales", "/ops"})
    void anonymousBrowsersAreSentToTheLoginPage(String page) {
        Visitor.Page response = shop.visitor().get(page);

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.location()).startsWith("/login/auth");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/sales/summary", "/ops/rebuild/progress", "/sales/events"})
    void anonymousJsonClientsGet401(String path) {
        Visitor.Page response = shop.visitor().getJson(path);

        assertThat(response.status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/sales/close-period",
                "/ops/rebuild",
                "/ops/dead-letters/sales-projector",
                "/ops/dead-letters/notification-service",
                "/ops/reconciliation"
            })
    void anonymousVisitorsCannotRunStaffActions(String action) {
        Visitor anonymous = shop.visitor();
        Visitor.Page shopPage = anonymous.get("/"); // a valid CSRF token of an anonymous visitor

        Visitor.Page response = anonymous.submit(shopPage, action, Map.of());

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.location()).startsWith("/login/auth");
        assertNothingWasDone();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ops", "/ops/rebuild/progress"})
    void salesStaffCannotSeeTheOpsConsole(String path) {
        Visitor alice = shop.loggedIn(SALES_USER, SALES_PASSWORD);

        assertThat(alice.get(path).status()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/ops/rebuild",
                "/ops/dead-letters/sales-projector",
                "/ops/dead-letters/notification-service",
                "/ops/reconciliation"
            })
    void salesStaffCannotRunOpsActions(String action) {
        Visitor alice = shop.loggedIn(SALES_USER, SALES_PASSWORD);
        Visitor.Page dashboard = alice.get("/sales");

        Visitor.Page response = alice.submit(dashboard, action, Map.of());

        assertThat(response.status()).isEqualTo(403);
        assertNothingWasDone();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales", "/api/sales/summary", "/sales/events"})
    void opsStaffWithoutTheSalesRoleCannotSeeSalesFigures(String path) {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);

        assertThat(bob.get(path).status()).isEqualTo(403);
    }

    @Test
    void opsStaffWithoutTheSalesRoleCannotCloseThePeriod() {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);
        Visitor.Page console = bob.get("/ops");

        assertThat(bob.submit(console, "/sales/close-period", Map.of()).status())
                .isEqualTo(403);
        assertNothingWasDone();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/ops/rebuild",
                "/ops/dead-letters/sales-projector",
                "/ops/dead-letters/notification-service",
                "/ops/reconciliation"
            })
    void opsFormsWithoutAValidCsrfTokenAreRefused(String action) {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);

        Visitor.Page withoutToken = bob.postForm(action, Map.of());
        Visitor.Page forgedToken = bob.postForm(action, Map.of("csrfToken", "x!y"));

        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(forgedToken.status()).isEqualTo(403);
        assertNothingWasDone();
    }

    @Test
    void theClosePeriodFormWithoutAValidCsrfTokenIsRefused() {
        Visitor alice = shop.loggedIn(SALES_USER, SALES_PASSWORD);

        assertThat(alice.postForm("/sales/close-period", Map.of()).status()).isEqualTo(403);
        assertThat(alice.postForm("/sales/close-period", Map.of("csrfToken", "x!y"))
                        .status())
                .isEqualTo(403);
        assertNothingWasDone();
    }

    @Test
    void aCsrfTokenOfAnotherVisitorIsRefused() {
        Visitor.Page someoneElsesPage = shop.loggedIn(OPS_USER, OPS_PASSWORD).get("/ops");
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);

        Visitor.Page response = bob.postForm("/ops/rebuild", Map.of("csrfToken", someoneElsesPage.csrfToken()));

        assertThat(response.status()).isEqualTo(403);
        assertNothingWasDone();
    }

    @Test
    void afterLoginTheFirstPageGivesTheTokenItsFormsNeed() {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);

        Visitor.Page console = bob.get("/ops");

        assertThat(bob.submit(console, "/ops/reconciliation", Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void aLoginFormWithoutAValidCsrfTokenIsRefused() {
        Visitor visitor = shop.visitor();
        visitor.get("/login/auth");

        Visitor.Page withoutToken = visitor.postForm("/login", Map.of("username", OPS_USER, "password", OPS_PASSWORD));
        Visitor.Page forgedToken =
                visitor.postForm("/login", Map.of("username", OPS_USER, "password", OPS_PASSWORD, "csrfToken", "x!y"));

        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(forgedToken.status()).isEqualTo(403);
        assertThat(visitor.cookies()).doesNotContainKey("JWT");
    }

    @Test
    void scriptsReadTheSummaryWithAStaffLoginOverBasicAuth() {
        assertThat(shop.visitor()
                        .withBasicAuth(SALES_USER, SALES_PASSWORD)
                        .getJson("/api/sales/summary")
                        .status())
                .isEqualTo(200);
        assertThat(shop.visitor()
                        .withBasicAuth(SALES_USER, "wrong")
                        .getJson("/api/sales/summary")
                        .status())
                .isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sales", "/ops", "/catalog"})
    void httpBasicIsIgnoredEverywhereElse(String page) {
        Visitor withBasic = shop.visitor().withBasicAuth(SALES_USER, SALES_PASSWORD);

        assertThat(withBasic.get(page).location()).startsWith("/login/auth");
        assertThat(withBasic.getJson(page).status()).isEqualTo(401);
    }

    @Test
    void healthAndTheShopNeedNoLogin() {
        assertThat(shop.visitor().getJson("/health").status()).isEqualTo(200);
        assertThat(shop.visitor().get("/").status()).isEqualTo(200);
        assertThat(shop.visitor().get("/login/auth").status()).isEqualTo(200);
    }

    private void assertNothingWasDone() {
        assertThat(commandApi.closeCalls).isEmpty();
        assertThat(projector.rebuildsStarted).hasValue(0);
        assertThat(projector.redrives).hasValue(0);
        assertThat(notifier.redrives).hasValue(0);
    }
}
