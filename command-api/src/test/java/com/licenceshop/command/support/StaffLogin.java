package com.licenceshop.command.support;

import java.net.http.HttpRequest;

/**
 * The staff credential of catalog writes: every test request that changes the catalog goes through
 * {@link #authorize}, so the credential is added in this one place.
 */
public final class StaffLogin {

    private StaffLogin() {
    }

    /** Adds the credential of a sales staff member. */
    public static HttpRequest.Builder authorize(HttpRequest.Builder request) {
        // command-api does not check staff credentials yet (the security branch adds it); nothing to add
        return request;
    }
}
