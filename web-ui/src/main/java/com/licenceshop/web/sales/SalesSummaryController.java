package com.licenceshop.web.sales;

import com.licenceshop.web.login.Roles;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * The seed Sales-App's "current money": number of sales and volume, in total and per licence. Sales staff only
 * (log in, or HTTP Basic with a staff user for scripts: {@code curl -u alice …}).
 */
@Controller("/api/sales/summary")
@Secured(Roles.SALES)
class SalesSummaryController {

    private final SalesReadModel readModel;

    SalesSummaryController(SalesReadModel readModel) {
        this.readModel = readModel;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    SalesSummary summary() {
        return SalesSummary.of(readModel.current());
    }

    @Serdeable
    record SalesSummary(
            long orders,
            long licences,
            long revenueCents,
            String currency,
            long position,
            @io.micronaut.core.annotation.Nullable Instant asOf,
            @io.micronaut.core.annotation.Nullable Instant lastEventAt,
            List<SalesFigures.LicenceFigures> perLicence) {
        static SalesSummary of(SalesFigures figures) {
            return new SalesSummary(
                    figures.orders(),
                    figures.licences(),
                    figures.revenueCents(),
                    figures.currency(),
                    figures.position(),
                    figures.updatedAt(),
                    figures.lastEventAt(),
                    figures.perLicence());
        }
    }
}
