package com.licenceshop.web.dashboard;

import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.OpsCredentials;
import com.licenceshop.web.live.DatabaseNotifications;
import com.licenceshop.web.live.LiveStreams;
import com.licenceshop.web.login.Roles;
import com.licenceshop.web.sales.SalesReadModel;
import com.licenceshop.web.security.StaffSessions;
import com.licenceshop.web.view.Flash;
import com.licenceshop.web.view.Fragments;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live sales dashboard for sales staff: the page, its SSE stream, and closing the sales period. */
@Controller("/sales")
@Secured(Roles.SALES)
class DashboardController {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardController.class);
    static final String UPDATE_EVENT = "figures";
    // shown after a redirect (view/Flash)
    static final Flash PERIOD_CLOSED =
            Flash.news("period-closed", "The sales period is closed; a new one has started.");
    static final Flash CLOSE_FAILED = Flash.problem(
            "close-failed", "The sales period could not be closed: the command API did not answer. Try again.");
    static final Flash NO_OPS_CREDENTIAL = Flash.problem(
            "no-ops-credential", "The web UI has no ops credential (OPS_PASSWORD), so it cannot close the period.");

    private final SalesReadModel readModel;
    private final DatabaseNotifications notifications;
    private final LiveStreams liveStreams;
    private final Fragments fragments;
    private final SalesPeriodApi salesPeriods;
    private final OpsCredentials opsCredential;
    private final Clock clock;
    private final StaffSessions staffSessions;

    DashboardController(
            SalesReadModel readModel,
            DatabaseNotifications notifications,
            LiveStreams liveStreams,
            Fragments fragments,
            SalesPeriodApi salesPeriods,
            OpsCredentials opsCredential,
            Clock clock,
            StaffSessions staffSessions) {
        this.staffSessions = staffSessions;
        this.readModel = readModel;
        this.notifications = notifications;
        this.liveStreams = liveStreams;
        this.fragments = fragments;
        this.salesPeriods = salesPeriods;
        this.opsCredential = opsCredential;
        this.clock = clock;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    ModelAndView<Map<String, Object>> dashboard(@QueryValue @Nullable String notice) {
        Map<String, Object> model = new HashMap<>();
        model.put("dashboard", Dashboard.of(readModel.current(), clock.instant()));
        Flash.shown(notice, null, PERIOD_CLOSED, CLOSE_FAILED, NO_OPS_CREDENTIAL)
                .ifPresent(n -> model.put("notice", n));
        return new ModelAndView<>("sales/dashboard", model);
    }

    /** Pushes the figures after every projector batch (NOTIFY sales_position), coalesced, while the login lasts. */
    @Get(value = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<Object>> events(HttpRequest<?> request, Authentication staff) {
        return staffSessions.whileLoggedIn(
                request,
                staff,
                liveStreams.stream(notifications.on(Topology.salesPositionChannel()), this::update, UPDATE_EVENT));
    }

    @Post(value = "/close-period", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> closePeriod() {
        if (!opsCredential.configured()) {
            return HttpResponse.seeOther(NO_OPS_CREDENTIAL.redirect("/sales"));
        }
        try {
            SalesPeriodApi.PeriodClosed closed = salesPeriods.close();
            LOG.info("sales period closed at sequence {}", closed.sequence());
            return HttpResponse.seeOther(PERIOD_CLOSED.redirect("/sales"));
        } catch (HttpClientException e) {
            LOG.warn("closing the sales period failed: {}", e.getMessage());
            return HttpResponse.seeOther(CLOSE_FAILED.redirect("/sales"));
        }
    }

    private FiguresUpdate update() {
        Dashboard dashboard = Dashboard.of(readModel.current(), clock.instant());
        String html = fragments.render("sales/figures", Map.of("dashboard", dashboard));
        return new FiguresUpdate(
                dashboard.position(), dashboard.orders(), dashboard.licences(), dashboard.revenueCents(), html);
    }

    /** One push: the figures as numbers (for scripts and tests) and as the page's markup (for the browser). */
    @Serdeable
    record FiguresUpdate(long position, long orders, long licences, long revenueCents, String html) {}
}
