package com.licenceshop.web.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Where a login may send the browser back to: a path on this site, never another origin. */
final class SameOriginPath {

    private SameOriginPath() {}

    /**
     * The value as a path of this site, or empty. Refused: anything not starting with one {@code /}, a
     * {@code //host} or {@code /\host} (browsers read both as another host), any backslash or control character
     * (browsers drop tabs and line breaks, which turns {@code /\t/host} into {@code //host}), and anything with a
     * scheme or host.
     */
    static Optional<String> of(String value) {
        if (value == null || value.isEmpty() || value.charAt(0) != '/' || value.length() > 2048) {
            return Optional.empty();
        }
        if (value.length() > 1 && (value.charAt(1) == '/' || value.charAt(1) == '\\')) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)) {
                return Optional.empty();
            }
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
