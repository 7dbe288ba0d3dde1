package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebhookSubscriptionTest {

    private static final Pattern EVENTS = Pattern.compile("PAYMENT_PROVIDER_WEBHOOK_EVENTS[=:]\\s*([a-z_.,]+)");

    @Test
    void everyLocalProviderIsSubscribedToTheEventsTheShopActsOn() throws IOException {
        for (String file : List.of("../shop", "../docker-compose.yml")) {
            Matcher subscribed = EVENTS.matcher(Files.readString(Path.of(file)));

            assertThat(subscribed.find()).as(file).isTrue();
            assertThat(List.of(subscribed.group(1).split(",")))
                    .as(file)
                    .containsExactlyElementsOf(ProviderEvents.SUBSCRIBED);
        }
    }
}
