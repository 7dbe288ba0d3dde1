package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.testsupport.TestServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.rabbitmq.connect.RabbitConnectionFactoryConfig;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceIdTest {

    private EmbeddedServer server;
    private HttpClient client;

    @BeforeAll
    void startAServiceWithTheDefaults() {
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.application.name",
                        "some-service",
                        "micronaut.server.port",
                        "-1",
                        "shop.namespace",
                        "shop",
                        "rabbitmq.uri",
                        TestServers.rabbit().uri(),
                        // as every service ends its rules: what no rule names is anonymous (micronaut-security is here)
                        "micronaut.security.intercept-url-map[0].pattern",
                        "/**",
                        "micronaut.security.intercept-url-map[0].access[0]",
                        "isAnonymous()"));
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void theInstanceIsPidAtHostNameVariableOrTheMachinesName() {
        assertThat(InstanceId.instance("web-ui-7d9f-x2k4q", () -> "unused", 1)).isEqualTo("1@web-ui-7d9f-x2k4q");
        assertThat(InstanceId.instance(null, () -> "devbox", 4242)).isEqualTo("4242@devbox");
        assertThat(InstanceId.instance(" ", () -> "devbox", 4242)).isEqualTo("4242@devbox");
    }

    @Test
    void aHostNameUnfitForAHeaderIsMadePrintable() {
        assertThat(InstanceId.instance("box\r\nX-Forged: 1", () -> "unused", 7)).isEqualTo("7@box??X-Forged:?1");
        assertThat(InstanceId.instance(null, () -> "", 7)).isEqualTo("7@localhost");
    }

    @Test
    void theEndpointNamesTheServiceThisProcessAndWhenItStarted() {
        InstanceId expected = server.getApplicationContext().getBean(InstanceId.class);

        HttpResponse<Map> response = client.toBlocking().exchange(HttpRequest.GET("/instance"), Map.class);

        assertThat(response.body())
                .containsEntry("service", "some-service")
                .containsEntry(
                        "instance",
                        ProcessHandle.current().pid() + "@"
                                + expected.instance().split("@", 2)[1])
                .containsEntry("startedAt", expected.startedAt().toString());
    }

    @Test
    void everyResponseCarriesTheInstancesTagNotItsPidErrorsToo() {
        InstanceId id = server.getApplicationContext().getBean(InstanceId.class);
        String instance = id.tag();
        assertThat(instance)
                .matches("[0-9a-f]{12}")
                .doesNotContain(String.valueOf(ProcessHandle.current().pid()));
        assertThat(client.toBlocking().retrieve(HttpRequest.GET("/instance"), Map.class))
                .containsEntry("tag", instance);

        assertThat(client.toBlocking().exchange("/instance").getHeaders().get(InstanceHeader.NAME))
                .isEqualTo(instance);
        assertThatThrownBy(() -> client.toBlocking().exchange("/no-such-page"))
                .isInstanceOfSatisfying(HttpClientResponseException.class, notFound -> {
                    assertThat(notFound.getStatus().getCode()).isEqualTo(404);
                    assertThat(notFound.getResponse().getHeaders().get(InstanceHeader.NAME))
                            .isEqualTo(instance);
                });
    }

    @Test
    void theBrokerConnectionIsNamedForTheInstanceKeepingTheClientsProperties() {
        ApplicationContext context = server.getApplicationContext();
        InstanceId instance = context.getBean(InstanceId.class);

        Map<String, Object> properties =
                context.getBean(RabbitConnectionFactoryConfig.class).getClientProperties();

        assertThat(properties)
                .containsEntry(AmqpConnectionName.CLIENT_PROPERTY, "some-service " + instance.instance())
                .containsKeys("capabilities", "product", "version");
    }
}
