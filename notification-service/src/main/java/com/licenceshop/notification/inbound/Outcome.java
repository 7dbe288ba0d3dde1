package com.licenceshop.notification.inbound;

import java.time.Duration;

/** What became of one delivered message; the listener turns it into broker moves and an ack. */
sealed interface Outcome {

    /** Nothing more to do with the message: acknowledge it. */
    record Done(String what) implements Outcome {}

    /** The send failed for a reason that may pass: wait {@code delay} in a delay queue, then try again. */
    record RetryLater(Duration delay, int failedAttempts, String error) implements Outcome {}

    /** Another delivery owns the mail: wait {@code delay}, then look again. Not a send attempt. */
    record Deferred(Duration delay, int deferrals) implements Outcome {}

    /** Give up: park the message in the dead-letter queue with the reason, for ops to re-drive. */
    record Parked(String reason, int failedAttempts) implements Outcome {}
}
