package com.licenceshop.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.StaffTokens;
import com.licenceshop.web.support.StubCommandApi;
import com.licenceshop.web.support.TestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Catalog writes carry a token of the logged-in staff member, minted for the command API; nothing else does. */
@WebUiIT
class StaffTokenFilterIT extends AgainstTheTestShop {

    @Inject
    StubCommandApi.Credentials credentials;

    @BeforeEach
    void forgetEarlierCalls() {
        credentials.seen.clear();
    }

    @Test
    void catalogWritesCarryATokenForTheCommandApiNotTheCookie() throws java.text.ParseException {
        Visitor staff = shop.loggedIn(TestShop.SALES_USER, TestShop.SALES_PASSWORD);

        assertThat(staff.get("/test/catalog-calls").status()).isEqualTo(200);

        assertThat(credentials.seen)
                .extracting(StubCommandApi.Credentials.Seen::method, StubCommandApi.Credentials.Seen::path)
                .containsExactly(
                        tuple("POST", "/api/products"),
                        tuple("PUT", "/api/products/STARTER"),
                        tuple("DELETE", "/api/products/STARTER"),
                        tuple("GET", "/api/products"),
                        tuple("POST", "/api/orders"));
        assertThat(credentials.seen.subList(3, 5))
                .extracting(StubCommandApi.Credentials.Seen::authorization)
                .containsOnlyNulls();
        for (StubCommandApi.Credentials.Seen write : credentials.seen.subList(0, 3)) {
            assertThat(write.authorization())
                    .startsWith("Bearer ")
                    .isNotEqualTo("Bearer " + staff.cookies().get("JWT"));
            JWTClaimsSet claims =
                    StaffTokens.verifiedClaims(write.authorization().substring("Bearer ".length()));
            assertThat(claims.getSubject()).isEqualTo(TestShop.SALES_USER);
            assertThat(claims.getIssuer()).isEqualTo("web-ui");
            assertThat(claims.getAudience()).containsExactly("command-api");
            assertThat(claims.getStringListClaim("roles")).contains("SALES");
            assertThat(claims.getExpirationTime().getTime()
                            - claims.getIssueTime().getTime())
                    .isEqualTo(60_000);
        }
    }

    @Test
    void theLoginCookieIsForTheWebUiAlone() {
        Visitor staff = shop.loggedIn(TestShop.SALES_USER, TestShop.SALES_PASSWORD);

        JWTClaimsSet cookie = StaffTokens.verifiedClaims(staff.cookies().get("JWT"));

        assertThat(cookie.getAudience()).containsExactly("web-ui");
        assertThat(cookie.getIssuer()).isEqualTo("web-ui");
        assertThat(cookie.getExpirationTime()).isNotNull();
    }

    @Test
    void withoutALoginNothingIsForwarded() {
        assertThat(shop.visitor().get("/test/catalog-calls").status()).isEqualTo(200);

        assertThat(credentials.seen)
                .hasSize(5)
                .extracting(StubCommandApi.Credentials.Seen::authorization)
                .containsOnlyNulls();
    }

    /** The command API's catalog and orders as a web-ui page would call them (catalog pages are written elsewhere). */
    @Requires(property = "spec.name", value = TestShop.SPEC_NAME)
    @Client(id = "command-api")
    interface CommandApiCalls {
        @Post("/api/products")
        HttpResponse<String> add(@Body Map<String, Object> product);

        @Put("/api/products/{sku}")
        HttpResponse<String> change(String sku, @Body Map<String, Object> product);

        @Delete("/api/products/{sku}")
        HttpResponse<String> retire(String sku);

        @Get("/api/products")
        HttpResponse<String> list();

        @Post("/api/orders")
        HttpResponse<String> order(@Body Map<String, Object> order);
    }

    @Requires(property = "spec.name", value = TestShop.SPEC_NAME)
    @Controller("/test")
    @Secured(SecurityRule.IS_ANONYMOUS)
    static class CallingController {

        private final CommandApiCalls api;

        CallingController(CommandApiCalls api) {
            this.api = api;
        }

        @Get("/catalog-calls")
        @ExecuteOn(TaskExecutors.BLOCKING)
        String call() {
            Map<String, Object> product =
                    Map.of("sku", "STARTER", "name", "Starter", "unitPriceCents", 50_000, "currency", "EUR");
            for (Supplier<HttpResponse<String>> call : List.<Supplier<HttpResponse<String>>>of(
                    () -> api.add(product),
                    () -> api.change("STARTER", product),
                    () -> api.retire("STARTER"),
                    api::list,
                    () -> api.order(Map.of(
                            "customerEmail",
                            "shopper@example.com",
                            "items",
                            List.of(Map.of("sku", "STARTER", "quantity", 1)))))) {
                try {
                    call.get();
                } catch (HttpClientResponseException answeredWithAnError) {
                    // the stub need not play the endpoint: only what the call carried is looked at
                }
            }
            return "called";
        }
    }
}
