package com.licenceshop.notification;

import io.micronaut.runtime.Micronaut;

/** Sends one mail per order event: a confirmation for each purchase, a notice for each cancellation. */
public class Application {

    public static void main(String[] args) {
        // with LOG_FORMAT=json every line on stdout is a JSON object, so no ASCII-art banner
        Micronaut.build(args).mainClass(Application.class).banner(!"json".equals(System.getenv("LOG_FORMAT"))).start();
    }
}
