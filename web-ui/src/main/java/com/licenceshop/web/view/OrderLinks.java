package com.licenceshop.web.view;

import io.micronaut.core.annotation.Nullable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The order page's URL: the order id and its access token (the buyer's proof, from the command API's answer or
 * the confirmation mail's link). Without the token the command API shows the order to nobody.
 */
public final class OrderLinks {

    private OrderLinks() {}

    public static String page(String orderId, @Nullable String token) {
        return withToken("/orders/" + orderId, token);
    }

    /** The page's live updates. */
    public static String events(String orderId, @Nullable String token) {
        return withToken("/orders/" + orderId + "/events", token);
    }

    private static String withToken(String path, @Nullable String token) {
        return path
                + (token == null || token.isEmpty()
                        ? ""
                        : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
}
