package com.licenceshop.projector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.testsupport.TestServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The broker's login is a secret like the others: without RABBITMQ_URI the projector does not start. */
class BrokerCredentialsIT {

    @Test
    void withoutRabbitmqUriTheProjectorRefusesToStartSayingWhatIsMissing() {
        Map<String, Object> properties =
                new HashMap<>(TestServers.freshDatabase().micronautProperties());
        properties.put("shop.namespace", TestServers.freshNamespace());

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties, "test")
                        .close())
                .hasStackTraceContaining("RABBITMQ_URI");
    }
}
