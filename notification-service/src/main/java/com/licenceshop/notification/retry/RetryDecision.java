package com.licenceshop.notification.retry;

import java.time.Duration;
import java.time.Instant;

/** What to do with a mail whose send failed for a reason that may pass. */
public sealed interface RetryDecision {

    /** Try again after {@code delay}, i.e. at about {@code at}; {@code attempt} attempts have failed so far. */
    record Retry(int failedAttempts, Duration delay, Instant at) implements RetryDecision {}

    /** The schedule is used up: park the mail. */
    record GiveUp(int failedAttempts) implements RetryDecision {}
}
