package com.licenceshop.provider.checkout;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Expires open sessions whose {@code expires_at} has passed (Stripe sends {@code checkout.session.expired}). */
@Singleton
class SessionExpiry {

    private final Account account;

    SessionExpiry(Account account) {
        this.account = account;
    }

    @Scheduled(fixedDelay = "1s")
    void expireDue() {
        account.expireDue();
    }
}
