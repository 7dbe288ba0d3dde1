package com.licenceshop.projector.projection;

/**
 * Which of an order's two events the model has seen. Seeing an event is idempotent (a flag), so a repeated or
 * second cancellation changes nothing, and the order of arrival does not matter: the state is the union.
 */
public record OrderState(boolean placed, boolean cancelled) {

    public static final OrderState UNSEEN = new OrderState(false, false);

    /** How often the order's figures count: 1 placed, 0 placed and cancelled, -1 cancelled before placement seen. */
    public int weight() {
        return (placed ? 1 : 0) - (cancelled ? 1 : 0);
    }

    /** How often the order's issued seats count: once its placement is seen (a cancellation revokes, it does not un-issue). */
    public int issuedWeight() {
        return placed ? 1 : 0;
    }

    public OrderState with(OrderChange.Kind kind) {
        return switch (kind) {
            case PLACED -> new OrderState(true, cancelled);
            case CANCELLED -> new OrderState(placed, true);
        };
    }

    public OrderState union(OrderState other) {
        return new OrderState(placed || other.placed, cancelled || other.cancelled);
    }
}
