package com.licenceshop.command.catalog;

import java.util.List;

/** The ISO currencies a price may be in: the one list (validation, OpenAPI, docs refer to it). */
public final class Currencies {

    public static final List<String> SUPPORTED = List.of("EUR");

    private Currencies() {}

    public static boolean supported(String currency) {
        return SUPPORTED.contains(currency);
    }
}
