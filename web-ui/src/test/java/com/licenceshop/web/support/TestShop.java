package com.licenceshop.web.support;

import com.licenceshop.testsupport.StaffTokenKeys;
import com.licenceshop.testsupport.TestServers;
import com.licenceshop.web.login.PasswordHashing;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The web UI on a fixed free port, its database made from the contract fixtures, and the other services
 * answered by the stubs under {@code /stub/**} of the same server ({@link StubCommandApi} and friends).
 */
public final class TestShop {

    /** Enables the stubs of the other services ({@code @Requires(property = "spec.name", value = SPEC_NAME)}). */
    public static final String SPEC_NAME = "WebUiWithStubbedServices";

    public static final String SALES_USER = "alice";
    public static final String SALES_PASSWORD = "alice-sells-licences";
    public static final String OPS_USER = "bob";
    public static final String OPS_PASSWORD = "bob-runs-the-shop";
    public static final String OPS_CREDENTIAL_USER = "ops";
    public static final String OPS_CREDENTIAL_PASSWORD = "ops-" + UUID.randomUUID();
    /** Low on purpose: the hashes are checked on every login of the tests. */
    private static final int TEST_ITERATIONS = 1_000;

    /** The staff tokens' key pair of this test shop (what ./shop up generates as STAFF_TOKEN_SIGNING_KEY/_PUBLIC_KEY). */
    public static final StaffTokenKeys STAFF_TOKEN_KEYS = StaffTokenKeys.generate();

    public final ContractDatabase database = ContractDatabase.create();
    public final int port = TestServers.freePort();
    public final String namespace = TestServers.freshNamespace();

    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    public Visitor visitor() {
        return new Visitor(baseUri());
    }

    /** A visitor logged in through the login form (fails the test if the login does not work). */
    public Visitor loggedIn(String username, String password) {
        Visitor staff = visitor();
        Visitor.Page login = staff.logIn(username, password);
        if (login.status() != 303 || !staff.cookies().containsKey("JWT")) {
            throw new AssertionError("login of " + username + " failed: " + login.status() + " " + login.headers());
        }
        return staff;
    }

    /** The properties with the command API down: nothing listens where the web UI looks for it. */
    public static Map<String, String> withoutCommandApi(Map<String, String> properties) {
        properties.put("micronaut.http.services.command-api.url", "http://localhost:" + TestServers.freePort());
        properties.put("micronaut.http.services.command-api.path", "/");
        return properties;
    }

    public Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>(database.micronautProperties());
        String self = "http://localhost:" + port;
        properties.put("spec.name", SPEC_NAME);
        properties.put("micronaut.server.port", String.valueOf(port));
        for (String service : new String[] {"command-api", "sales-projector", "notification-service"}) {
            properties.put("micronaut.http.services." + service + ".url", self);
            properties.put("micronaut.http.services." + service + ".path", "/stub/" + service);
        }
        properties.put("shop.staff.token-signing-key", STAFF_TOKEN_KEYS.signingKey());
        properties.put("shop.staff.token-public-key", STAFF_TOKEN_KEYS.publicKeyText());
        properties.put("micronaut.security.csrf.signature-key", "csrf-" + UUID.randomUUID() + UUID.randomUUID());
        // the stubs play other services: their calls are not forms of this UI
        properties.put("micronaut.security.csrf.filter.regex-pattern", "^(?!\\/stub\\/).*$");
        properties.put("shop.namespace", namespace);
        properties.put("shop.ops.username", OPS_CREDENTIAL_USER);
        properties.put("shop.ops.password", OPS_CREDENTIAL_PASSWORD);
        properties.put(
                "shop.staff.users",
                SALES_USER + ":SALES:" + PasswordHashing.hash(SALES_PASSWORD, TEST_ITERATIONS) + "," + OPS_USER
                        + ":OPS:" + PasswordHashing.hash(OPS_PASSWORD, TEST_ITERATIONS));
        properties.put("shop.live.coalesce", "100ms");
        return properties;
    }
}
