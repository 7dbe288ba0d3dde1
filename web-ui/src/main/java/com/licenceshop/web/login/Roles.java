package com.licenceshop.web.login;

/** The staff roles; shoppers have none (they never log in). */
public final class Roles {

    /** Sees the sales dashboard, closes sales periods and runs the catalog (sales staff own the prices). */
    public static final String SALES = "SALES";
    /** Runs the ops console: queues, rebuilds, re-drives, reconciliation. */
    public static final String OPS = "OPS";

    private Roles() {}
}
