package com.licenceshop.projector.readmodel;

import java.util.List;

/**
 * The tables of one copy of the read model: the live one, or the shadow a rebuild fills while the live one
 * serves. The views the web UI reads always point at the live copy.
 */
public record ModelTables(String prefix) {

    public static final String SCHEMA = "sales";
    public static final ModelTables LIVE = new ModelTables("");
    public static final ModelTables SHADOW = new ModelTables("rebuild_");

    /** Every table a rebuild replaces (not rebuild_state, which describes the rebuild itself). */
    public static final List<String> NAMES = List.of(
            "inbox",
            "orders",
            "periods",
            "period_totals",
            "period_products",
            "period_minutes",
            "projection_position",
            "product_names",
            "licence_revocations",
            "order_payments",
            "licence_issuances");

    public String inbox() {
        return table("inbox");
    }

    public String orders() {
        return table("orders");
    }

    public String periods() {
        return table("periods");
    }

    public String periodTotals() {
        return table("period_totals");
    }

    public String periodProducts() {
        return table("period_products");
    }

    public String periodMinutes() {
        return table("period_minutes");
    }

    public String productNames() {
        return table("product_names");
    }

    public String position() {
        return table("projection_position");
    }

    public String table(String name) {
        return SCHEMA + "." + prefix + name;
    }
}
