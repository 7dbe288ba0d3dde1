package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceLaunchTest {

    @Test
    void textJsonAndNoValueAtAllAreLogFormats() {
        assertThat(ServiceLaunch.refusal(null)).isEmpty();
        assertThat(ServiceLaunch.refusal("text")).isEmpty();
        assertThat(ServiceLaunch.refusal("json")).isEmpty();
    }

    @Test
    void anyOtherValueIsRefusedBecauseItWouldSilenceTheService() {
        assertThat(ServiceLaunch.refusal("xml"))
                .hasValue("LOG_FORMAT=xml is not a log format: use text (the default) or json");
        assertThat(ServiceLaunch.refusal("JSON ")).get().asString().endsWith("(lower case, no spaces)");
    }

    @Test
    void theRefusalShowsNeitherALongValueNorControlCharacters() {
        assertThat(ServiceLaunch.refusal("a\nforged line that goes on and on"))
                .get()
                .asString()
                .startsWith("LOG_FORMAT=a?forged line that g…")
                .doesNotContain("\n");
    }
}
