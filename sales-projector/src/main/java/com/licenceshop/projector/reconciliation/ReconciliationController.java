package com.licenceshop.projector.reconciliation;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

@Controller("/ops/reconciliation")
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    Reconciliation.Report reconcile() throws Exception {
        return reconciliation.reconcile();
    }
}
