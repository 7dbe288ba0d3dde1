package com.licenceshop.web.ops;

import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.OpsCredentials;
import com.licenceshop.web.login.Roles;
import com.licenceshop.web.sales.SalesReadModel;
import com.licenceshop.web.view.Flash;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.views.ModelAndView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops console: queues, outbox and positions at a glance, and the operations of the other services'
 * ops endpoints (rebuild, re-drive dead letters, reconciliation) behind buttons. Ops staff only.
 */
@Controller("/ops")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
class OpsController {

    private static final Logger LOG = LoggerFactory.getLogger(OpsController.class);

    // shown after a redirect (view/Flash); a re-drive's carries how many dead letters it moved
    static final Flash REBUILD_STARTED = Flash.news("rebuild-started", "Rebuild started.");
    static final Flash REBUILD_ALREADY_RUNNING = Flash.news("rebuild-running", "A rebuild is already running.");
    static final Flash REBUILD_FAILED =
            Flash.problem("rebuild-failed", "The rebuild could not be started: the sales projector did not accept it.");
    static final Flash REDRIVEN_PROJECTOR =
            Flash.news("redriven-sales-projector", "Dead letters of the sales projector moved back to its queue: %s.");
    static final Flash REDRIVEN_NOTIFIER = Flash.news(
            "redriven-notification-service", "Dead letters of the notification service moved back to its queue: %s.");
    static final Flash REDRIVE_FAILED =
            Flash.problem("redrive-failed", "Re-driving the dead letters failed: the service did not answer.");
    static final Flash TRACE_NOT_FOUND = Flash.problem(
            "trace-not-found", "No trace for that order: no such order, or it was placed before tracing.");
    static final Flash TRACE_FAILED =
            Flash.problem("trace-failed", "The command API did not answer; the order's trace cannot be looked up.");

    private final Topology topology;
    private final RabbitManagementApi rabbit;
    private final RabbitManagementConfig rabbitConfig;
    private final OpsApis.CommandApiOps commandApi;
    private final OpsApis.SalesProjectorOps projector;
    private final OpsApis.NotificationServiceOps notifier;
    private final SalesReadModel salesReadModel;
    private final OpsCredentials opsCredential;
    private final TraceLinks traceLinks;

    OpsController(
            TraceLinks traceLinks,
            Topology topology,
            RabbitManagementApi rabbit,
            RabbitManagementConfig rabbitConfig,
            OpsApis.CommandApiOps commandApi,
            OpsApis.SalesProjectorOps projector,
            OpsApis.NotificationServiceOps notifier,
            SalesReadModel salesReadModel,
            OpsCredentials opsCredential) {
        this.topology = topology;
        this.rabbit = rabbit;
        this.rabbitConfig = rabbitConfig;
        this.commandApi = commandApi;
        this.projector = projector;
        this.notifier = notifier;
        this.salesReadModel = salesReadModel;
        this.opsCredential = opsCredential;
        this.traceLinks = traceLinks;
    }

    @Get(produces = MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> console(@QueryValue @Nullable String notice, @QueryValue @Nullable Long moved) {
        return page(
                Flash.shown(
                                notice,
                                String.valueOf(moved == null ? 0 : moved),
                                REBUILD_STARTED,
                                REBUILD_ALREADY_RUNNING,
                                REBUILD_FAILED,
                                REDRIVEN_PROJECTOR,
                                REDRIVEN_NOTIFIER,
                                REDRIVE_FAILED,
                                TRACE_NOT_FOUND,
                                TRACE_FAILED)
                        .orElse(null),
                null);
    }

    @Post(value = "/rebuild", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> rebuild() {
        try {
            projector.startRebuild();
            LOG.info("sales projection rebuild started from the ops console");
            return redirect(REBUILD_STARTED, null);
        } catch (HttpClientResponseException e) {
            if (e.getStatus() == HttpStatus.CONFLICT) {
                return redirect(REBUILD_ALREADY_RUNNING, null);
            }
            LOG.warn("starting the rebuild failed: {}", e.getMessage());
            return redirect(REBUILD_FAILED, null);
        } catch (HttpClientException e) {
            LOG.warn("starting the rebuild failed: {}", e.getMessage());
            return redirect(REBUILD_FAILED, null);
        }
    }

    /** Polled by the console's progress bar while a rebuild runs. */
    @Get(value = "/rebuild/progress", produces = MediaType.APPLICATION_JSON)
    RebuildProgress rebuildProgress() {
        return rebuildStatus();
    }

    @Post(value = "/dead-letters/sales-projector", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> redriveProjector() {
        try {
            long moved = projector.redriveDeadLetters().moved();
            LOG.info("re-drove {} dead letters of the sales projector", moved);
            return redirect(REDRIVEN_PROJECTOR, moved);
        } catch (HttpClientException e) {
            LOG.warn("re-driving the projector's dead letters failed: {}", e.getMessage());
            return redirect(REDRIVE_FAILED, null);
        }
    }

    @Post(value = "/dead-letters/notification-service", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> redriveNotifier() {
        try {
            long moved = notifier.redriveDeadLetters().moved();
            LOG.info("re-drove {} dead letters of the notification service", moved);
            return redirect(REDRIVEN_NOTIFIER, moved);
        } catch (HttpClientException e) {
            LOG.warn("re-driving the notifier's dead letters failed: {}", e.getMessage());
            return redirect(REDRIVE_FAILED, null);
        }
    }

    /** Opens an order's trace in the trace UI (TRACE_UI_URL): the command API names the trace the order was placed in. */
    @Get("/orders/trace")
    HttpResponse<?> orderTrace(@QueryValue @Nullable String orderId) {
        UUID id;
        try {
            id = UUID.fromString(orderId == null ? "" : orderId.strip());
        } catch (IllegalArgumentException e) {
            return redirect(TRACE_NOT_FOUND, null);
        }
        try {
            return commandApi
                    .order(id)
                    .map(OpsApis.OrderTrace::traceId)
                    .flatMap(traceLinks::of)
                    .<HttpResponse<?>>map(HttpResponse::seeOther)
                    .orElseGet(() -> redirect(TRACE_NOT_FOUND, null));
        } catch (HttpClientException e) {
            LOG.warn("looking up the trace of order {} failed: {}", id, e.getMessage());
            return redirect(TRACE_FAILED, null);
        }
    }

    /** Runs the projector's reconciliation (read model vs event store) and shows the result with the console. */
    @Post(value = "/reconciliation", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> reconcile() {
        Reconciliation result;
        try {
            result = Reconciliation.of(projector.reconciliation());
        } catch (HttpClientException e) {
            LOG.warn("reconciliation failed: {}", e.getMessage());
            result = Reconciliation.failed(e.getMessage());
        }
        return page(null, result);
    }

    private ModelAndView<Map<String, Object>> page(@Nullable Flash notice, @Nullable Reconciliation reconciliation) {
        Map<String, Object> model = new HashMap<>();
        model.put("queues", queues());
        model.put("outbox", outbox());
        model.put("signingKey", signingKey());
        model.put("payments", payments());
        model.put("projectorPosition", projectorPosition());
        model.put("rebuild", rebuildStatus());
        model.put("opsCredentialMissing", !opsCredential.configured());
        model.put("traceUi", traceLinks.configured());
        if (notice != null) {
            model.put("notice", notice);
        }
        if (reconciliation != null) {
            model.put("reconciliation", reconciliation);
        }
        return new ModelAndView<>("ops/console", model);
    }

    private List<QueueRow> queues() {
        if (!rabbitConfig.configured()) {
            return List.of(
                    QueueRow.unavailable(
                            "Sales projector",
                            topology.salesProjectorQueue(),
                            topology.deadLetterQueue(topology.salesProjectorQueue()),
                            RabbitManagementConfig.NOT_CONFIGURED),
                    QueueRow.unavailable(
                            "Notification service",
                            topology.notificationQueue(),
                            topology.deadLetterQueue(topology.notificationQueue()),
                            RabbitManagementConfig.NOT_CONFIGURED));
        }
        Map<String, String> connectionNames = connectionNames();
        return List.of(
                queue("Sales projector", topology.salesProjectorQueue(), connectionNames),
                queue("Notification service", topology.notificationQueue(), connectionNames));
    }

    /** Broker-side connection name → the name its client gave it; empty if the API cannot say (figures still shown). */
    private Map<String, String> connectionNames() {
        try {
            Map<String, String> names = new HashMap<>();
            for (RabbitManagementApi.ConnectionInfo connection : rabbit.connections(rabbitConfig.virtualHost())) {
                if (connection.userProvidedName() != null
                        && !connection.userProvidedName().isBlank()) {
                    names.put(connection.name(), connection.userProvidedName());
                }
            }
            return names;
        } catch (HttpClientException e) {
            LOG.warn("cannot read the broker's connections: {}", e.getMessage());
            return Map.of();
        }
    }

    private QueueRow queue(String consumer, String queue, Map<String, String> connectionNames) {
        String dead = topology.deadLetterQueue(queue);
        try {
            String vhost = rabbitConfig.virtualHost();
            return QueueRow.of(
                    consumer, queue, dead, rabbit.queue(vhost, queue), rabbit.queue(vhost, dead), connectionNames);
        } catch (HttpClientException e) {
            return QueueRow.unavailable(
                    consumer, queue, dead, "RabbitMQ management API unavailable: " + e.getMessage());
        }
    }

    private OutboxView outbox() {
        try {
            return OutboxView.of(commandApi.outbox());
        } catch (HttpClientException e) {
            return OutboxView.unavailable("command API: " + e.getMessage());
        }
    }

    /**
     * The payments that wait (ADR 13), split as ops look at them: card payments waiting on the provider (or the
     * shopper) and invoices past their due date; {problem} when command-api cannot be asked.
     */
    private Map<String, Object> payments() {
        try {
            List<Map<String, Object>> waiting = commandApi.payments();
            List<Map<String, Object>> card =
                    waiting.stream().filter(p -> "CARD".equals(p.get("method"))).toList();
            List<Map<String, Object>> overdue = waiting.stream()
                    .filter(p -> Boolean.TRUE.equals(p.get("overdue")))
                    .toList();
            return Map.of(
                    "available",
                    true,
                    "card",
                    card,
                    "cardCount",
                    card.size(),
                    "overdue",
                    overdue,
                    "overdueCount",
                    overdue.size());
        } catch (HttpClientException e) {
            return Map.of("available", false, "problem", "command API: " + e.getMessage());
        }
    }

    /** {keyId, verifyKeyIds} of command-api's licence signing key, or {problem} when it cannot be asked. */
    private Map<String, Object> signingKey() {
        try {
            OpsApis.LicenceKeys keys = commandApi.licenceKeys();
            List<Object> ids = keys.keys() == null
                    ? List.of()
                    : keys.keys().stream().map(k -> k.get("keyId")).toList();
            return Map.of(
                    "keyId",
                    keys.keyId(),
                    "verifyKeyIds",
                    String.join(", ", ids.stream().map(String::valueOf).toList()));
        } catch (HttpClientException e) {
            return Map.of("problem", "command API: " + e.getMessage());
        }
    }

    private Long projectorPosition() {
        try {
            return salesReadModel.current().position();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the projector position: {}", e.getMessage());
            return null;
        }
    }

    private RebuildProgress rebuildStatus() {
        try {
            return RebuildProgress.of(projector.rebuild());
        } catch (HttpClientException e) {
            return RebuildProgress.unavailable("sales projector: " + e.getMessage());
        }
    }

    private static HttpResponse<?> redirect(Flash notice, @Nullable Long moved) {
        return HttpResponse.seeOther(notice.redirect("/ops", "moved", moved == null ? null : String.valueOf(moved)));
    }
}
