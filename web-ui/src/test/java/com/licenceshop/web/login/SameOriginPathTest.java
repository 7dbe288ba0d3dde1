package com.licenceshop.web.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SameOriginPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/sales", "/ops?notice=rebuilt", "/catalog/STARTER/edit", "/", "/orders/x#top"})
    void aPathOfThisSiteIsKept(String path) {
        assertThat(SameOriginPath.of(path)).contains(path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://evil.example/x",
                "//evil.example/x",
                "/\\evil.example/x",
                "\\\\evil.example",
                "/\t/evil.example",
                "/\n/evil.example",
                "http:/evil.example",
                "javascript:alert(1)",
                "sales",
                "",
                "/sales\\..\\x",
                "/ /evil.example"
            })
    void anythingThatCouldLeaveTheSiteIsRefused(String value) {
        assertThat(SameOriginPath.of(value)).isEmpty();
    }
}
