package com.licenceshop.provider;

import io.micronaut.runtime.Micronaut;

/**
 * A local stand-in for the card provider: speaks the part of Stripe's API the shop uses, shows a hosted checkout
 * page and calls the shop's webhook, so the shop runs and is tested end to end without reaching Stripe.
 */
public class Application {

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
