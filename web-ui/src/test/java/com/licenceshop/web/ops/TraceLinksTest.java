package com.licenceshop.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class TraceLinksTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void aConfiguredTraceUiGetsTheTraceIdInItsPlaceholder() {
        TraceLinks links = new TraceLinks("http://localhost:16686/trace/{traceId}");

        assertThat(links.configured()).isTrue();
        assertThat(links.of(TRACE)).contains(URI.create("http://localhost:16686/trace/" + TRACE));
    }

    @Test
    void withoutATraceUiOrWithoutAPlaceholderThereIsNoLink() {
        assertThat(new TraceLinks("").configured()).isFalse();
        assertThat(new TraceLinks("").of(TRACE)).isEmpty();
        assertThat(new TraceLinks("http://localhost:16686/search").of(TRACE)).isEmpty();
        assertThat(new TraceLinks("javascript:alert({traceId})").of(TRACE)).isEmpty();
    }

    @Test
    void onlyAW3cTraceIdGoesIntoTheLink() {
        TraceLinks links = new TraceLinks("http://localhost:16686/trace/{traceId}");

        assertThat(links.of(null)).isEmpty();
        assertThat(links.of("../../admin")).isEmpty();
        assertThat(links.of(TRACE.toUpperCase())).isEmpty();
    }
}
