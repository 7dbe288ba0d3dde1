package com.licenceshop.notification.system;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** An RFC 9457 problem detail, served as {@code application/problem+json}. */
@Serdeable
public record Problem(String type, String title, int status, @Nullable String detail) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public static Problem of(int status, String title, @Nullable String detail) {
        return new Problem("about:blank", title, status, detail);
    }
}
