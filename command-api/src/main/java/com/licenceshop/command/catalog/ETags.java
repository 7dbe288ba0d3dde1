package com.licenceshop.command.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product's version as an HTTP entity tag ({@code "3"}, strong), and the versions an If-Match names. Weak
 * tags ({@code W/"3"}) and {@code *} name none: If-Match compares strongly (RFC 9110 §13.1.1), and a catalog
 * edit must say which version it was made on.
 */
final class ETags {

    private static final Pattern STRONG = Pattern.compile("\"(\\d{1,18})\"");

    private ETags() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The versions named by an If-Match header (one tag or a comma-separated list). */
    static List<Long> versions(String ifMatch) {
        List<Long> versions = new ArrayList<>();
        for (String tag : ifMatch.split(",")) {
            Matcher strong = STRONG.matcher(tag.strip());
            if (strong.matches()) {
                versions.add(Long.parseLong(strong.group(1)));
            }
        }
        return versions;
    }
}
