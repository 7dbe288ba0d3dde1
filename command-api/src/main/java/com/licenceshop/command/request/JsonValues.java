package com.licenceshop.command.request;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Reads values of a parsed JSON body (maps, lists, strings, numbers). Pure. */
public final class JsonValues {

    private JsonValues() {}

    /** The whole number a JSON number stands for ({@code 2}, {@code 2.0}, {@code 2e0}), or null if it is none. */
    public static BigInteger wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0) {
            return decimal.toBigIntegerExact();
        }
        if ((value instanceof Double || value instanceof Float)
                && Double.isFinite(((Number) value).doubleValue())
                && ((Number) value).doubleValue() == Math.rint(((Number) value).doubleValue())) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).toBigIntegerExact();
        }
        return null;
    }
}
