package com.licenceshop.web.login;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a numeric claim of a login cookie's JWT as a client would (without checking the signature). */
final class LoginCookies {

    private LoginCookies() {}

    static long numericClaim(String jwt, String claim) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(claim) + "\"\\s*:\\s*(\\d+)")
                .matcher(payload);
        if (!matcher.find()) {
            throw new AssertionError("no claim " + claim + " in " + payload);
        }
        return Long.parseLong(matcher.group(1));
    }
}
