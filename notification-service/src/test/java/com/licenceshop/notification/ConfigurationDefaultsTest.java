package com.licenceshop.notification;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * application.yml's defaults: what a developer machine gets with no environment set (the README's table).
 * Reads the resolved configuration only; no bean (and so no server connection) is created.
 */
class ConfigurationDefaultsTest {

    private static final Argument<List<Duration>> DURATIONS = Argument.listOf(Duration.class);

    @Test
    void withoutEnvironmentTheServiceUsesTheLocalServersAndTheDocumentedDefaults() {
        // not the deduced "test" environment: its application-test.yml gives test servers a free port
        try (ApplicationContext context =
                ApplicationContext.builder().deduceEnvironment(false).build()) {
            Environment env = context.getEnvironment().start();
            assertThat(env.getProperty("datasources.default.url", String.class))
                    .contains("jdbc:postgresql://localhost:5432/shop");
            assertThat(env.getProperty("datasources.default.username", String.class))
                    .contains("shop");
            // the broker's login is a secret like the others: no default
            assertThatThrownBy(() -> env.getProperty("rabbitmq.uri", String.class))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("RABBITMQ_URI");
            assertThat(env.getProperty("micronaut.server.port", Integer.class)).contains(8083);
            assertThat(env.getProperty("shop.namespace", String.class)).contains("shop");
            assertThat(env.getProperty("shop.smtp.host", String.class)).contains("localhost");
            assertThat(env.getProperty("shop.smtp.port", Integer.class)).contains(1025);
            assertThat(env.getProperty("shop.smtp.starttls", Boolean.class)).contains(false);
            assertThat(env.getProperty("shop.smtp.from", String.class))
                    .contains("Licence Shop <shop@licence-shop.local>");
            assertThat(env.getProperty("shop.ops.username", String.class)).contains("ops");
            assertThat(env.getProperty("shop.invoice.seller.name", String.class))
                    .contains("Licence Shop");
            assertThat(env.getProperty("shop.invoice.seller.vat-id", String.class)
                            .filter(v -> !v.isBlank()))
                    .isEmpty();
            assertThat(env.getProperty("shop.ops.password", String.class).filter(p -> !p.isBlank()))
                    .isEmpty();
            assertThat(env.getProperty("shop.notification.consumers", Integer.class))
                    .contains(2);
            assertThat(env.getProperty("shop.notification.concurrency", Integer.class))
                    .contains(8);
            assertThat(env.getProperty("shop.notification.batch-size", Integer.class))
                    .contains(20);
            assertThat(env.getProperty("shop.notification.delivery-limit", Integer.class))
                    .contains(5);
            assertThat(env.getProperty("shop.smtp.pool.size", Integer.class)).contains(0);
            assertThat(env.getProperty("shop.smtp.pool.idle-timeout", Duration.class))
                    .contains(ofSeconds(30));
            assertThat(env.getProperty("shop.smtp.pool.max-mails-per-connection", Integer.class))
                    .contains(1000);
            // the connection budget (README): two per sender and two more
            assertThat(env.getProperty("datasources.default.maximum-pool-size", Integer.class))
                    .contains(2 * 8 + 2);
            assertThat(env.getProperty("datasources.default.minimum-idle", Integer.class))
                    .contains(1);
            assertThat(env.getProperty("shop.notification.retry.delays", DURATIONS))
                    .contains(List.of(ofSeconds(1), ofSeconds(5), ofSeconds(30), ofMinutes(2), ofMinutes(10)));
        }
    }

    @Test
    void theDelayScheduleComesFromOneCommaSeparatedValue() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("shop.notification.retry.delays", "200ms,500ms,1s"))
                .build()) {
            Environment env = context.getEnvironment().start();
            assertThat(env.getProperty("shop.notification.retry.delays", DURATIONS))
                    .contains(List.of(Duration.ofMillis(200), Duration.ofMillis(500), ofSeconds(1)));
        }
    }
}
