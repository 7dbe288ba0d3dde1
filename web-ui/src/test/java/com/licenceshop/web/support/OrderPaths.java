package com.licenceshop.web.support;

/** The parts of an order page's path as the shop redirects to it: {@code /orders/<id>?token=<access token>}. */
public final class OrderPaths {

    private OrderPaths() {}

    public static String idOf(String orderPath) {
        return orderPath.substring("/orders/".length(), orderPath.indexOf('?'));
    }

    public static String tokenOf(String orderPath) {
        return orderPath.substring(orderPath.indexOf("?token=") + "?token=".length());
    }

    public static String cancelPath(String orderPath) {
        return "/orders/" + idOf(orderPath) + "/cancel";
    }

    public static String eventsPath(String orderPath) {
        return "/orders/" + idOf(orderPath) + "/events?token=" + tokenOf(orderPath);
    }
}
