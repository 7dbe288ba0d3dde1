package com.licenceshop.projector.projection;

/** An event that parses but cannot be applied (missing or inconsistent figures). Retrying will not help. */
public final class UnappliableEventException extends RuntimeException {

    public UnappliableEventException(String message) {
        super(message);
    }
}
