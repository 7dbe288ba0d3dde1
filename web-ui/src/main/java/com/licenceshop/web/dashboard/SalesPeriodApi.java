package com.licenceshop.web.dashboard;

import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;

/** Closing a sales period is a command of the command API (ops credential, added by OpsCredentialFilter). */
@Client(id = "command-api")
interface SalesPeriodApi {

    @Post("/api/sales-periods/close")
    PeriodClosed close();

    @Serdeable
    record PeriodClosed(String eventId, long sequence) {}
}
