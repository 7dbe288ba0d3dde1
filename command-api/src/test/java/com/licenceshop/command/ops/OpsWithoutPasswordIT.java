package com.licenceshop.command.ops;

import static com.licenceshop.command.ops.OpsEndpointsIT.assertUnauthorized;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No OPS_PASSWORD, no ops: not even an empty password gets in. */
@MicronautTest(transactional = false)
class OpsWithoutPasswordIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("shop.ops.password", "");
    }

    @Test
    void everyOpsEndpointAnswersUnauthorizedWhenNoPasswordIsConfigured() {
        Http http = new Http(server.getURI());
        String emptyPassword = TestHttp.basic(OPS_USERNAME, "");

        assertUnauthorized(http.send(http.request("/api/events")
                .header("Authorization", emptyPassword)
                .GET()));
        assertUnauthorized(
                http.send(http.request("/api/events?after=0&limit=10").GET()));
        assertUnauthorized(http.send(http.request("/api/ops/outbox")
                .header("Authorization", emptyPassword)
                .GET()));
        assertUnauthorized(http.send(http.request("/api/sales-periods/close")
                .header("Authorization", emptyPassword)
                .POST(HttpRequest.BodyPublishers.noBody())));
    }
}
