package com.licenceshop.command.payment;

import java.util.List;

/** The events to append and the effects to run, as one; {@link #none()} when the trigger changes nothing. */
public record Decision(List<PaymentEvent> events, List<Effect> effects, String refusal) {

    public Decision {
        events = List.copyOf(events);
        effects = List.copyOf(effects);
    }

    static Decision of(List<PaymentEvent> events, List<Effect> effects) {
        return new Decision(events, effects, null);
    }

    public static Decision none() {
        return new Decision(List.of(), List.of(), null);
    }

    /** A staff or shopper command that is not allowed now (the adapter answers 409 with this reason). */
    static Decision refused(String reason, Effect... effects) {
        return new Decision(List.of(), List.of(effects), reason);
    }

    public boolean refusedBecause(String reason) {
        return reason.equals(refusal);
    }

    public boolean changesNothing() {
        return events.isEmpty() && effects.isEmpty() && refusal == null;
    }
}
