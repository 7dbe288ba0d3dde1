package com.licenceshop.command.system;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

/** The broker's login is a secret like the others: it has no default, it comes from RABBITMQ_URI. */
class BrokerCredentialsTest {

    @Test
    void withoutRabbitmqUriTheServiceHasNoBrokerToLogInTo() {
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment env = context.getEnvironment().start();
            assertThatThrownBy(() -> env.getProperty("rabbitmq.uri", String.class))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("RABBITMQ_URI");
        }
    }
}
