package com.licenceshop.notification;

import io.micronaut.runtime.Micronaut;

/** Sends one mail per order event: a confirmation for each purchase, a notice for each cancellation. */
public class Application {

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
