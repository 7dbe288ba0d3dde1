package com.licenceshop.web.orders;

import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.LogContext;
import com.licenceshop.web.live.DatabaseNotifications;
import com.licenceshop.web.live.LiveConfig;
import com.licenceshop.web.live.LiveStreamLimits;
import com.licenceshop.web.live.LiveStreams;
import com.licenceshop.web.view.Flash;
import com.licenceshop.web.view.Fragments;
import com.licenceshop.web.view.OrderLinks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The order page: what was ordered and how far it got, pushed live, with a cancel button. No login: the order's
 * access token in the URL ({@code ?token=}, from the shop's redirect after buying or the confirmation mail's link)
 * is the buyer's proof; the command API checks it, so the order id alone shows nothing.
 */
@Controller("/orders")
@Secured(SecurityRule.IS_ANONYMOUS)
class OrderController {

    private static final Logger LOG = LoggerFactory.getLogger(OrderController.class);
    static final String UPDATE_EVENT = "progress";

    // after a pay button that did not lead to the provider (view/Flash); nothing was charged in any of them
    static final Flash PROVIDER_DOWN = Flash.problem(
            "provider-down",
            "The card provider does not answer just now. Nothing was charged; please try again in a moment.");
    static final Flash PAYMENT_UNAVAILABLE = Flash.problem(
            "unavailable",
            "The shop cannot start the payment just now. Nothing was charged; please try again in a moment.");
    static final Flash PAYMENT_REFUSED =
            Flash.problem("refused", "This order cannot be paid any more (it is paid, cancelled or on invoice).");

    private final OrderApi orderApi;
    private final OrderTracking tracking;
    private final DatabaseNotifications notifications;
    private final LiveStreams liveStreams;
    private final Fragments fragments;
    private final LiveStreamLimits streamLimits;
    private final LiveConfig liveConfig;
    private final HttpClientAddressResolver clientAddresses;

    OrderController(
            OrderApi orderApi,
            OrderTracking tracking,
            DatabaseNotifications notifications,
            LiveStreams liveStreams,
            Fragments fragments,
            LiveStreamLimits streamLimits,
            LiveConfig liveConfig,
            HttpClientAddressResolver clientAddresses) {
        this.orderApi = orderApi;
        this.tracking = tracking;
        this.notifications = notifications;
        this.liveStreams = liveStreams;
        this.fragments = fragments;
        this.streamLimits = streamLimits;
        this.liveConfig = liveConfig;
        this.clientAddresses = clientAddresses;
    }

    @Get(value = "/{orderId}", produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> order(
            @PathVariable UUID orderId,
            @QueryValue @Nullable String cancel,
            @QueryValue @Nullable String token,
            @QueryValue @Nullable String notice) {
        Optional<OrderApi.Order> order;
        try {
            order = orderApi.order(orderId, token);
        } catch (HttpClientException unavailable) {
            LOG.warn("command API unavailable for order {}: {}", orderId, unavailable.getMessage());
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new ModelAndView<>("orders/unavailable", Map.of("orderId", orderId.toString())));
        }
        if (order.isEmpty()) {
            return HttpResponse.status(HttpStatus.NOT_FOUND)
                    .body(new ModelAndView<>("orders/missing", Map.of("orderId", orderId.toString())));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("order", order.get());
        model.put("progress", OrderProgress.of(order.get(), tracking.track(orderId)));
        model.put("cancelFailed", "failed".equals(cancel));
        model.put("token", token == null ? "" : token);
        model.put("streamUrl", OrderLinks.events(orderId.toString(), token));
        int licences = order.get().licenceCount();
        model.put("licencesLabel", licences + (licences == 1 ? " licence" : " licences"));
        model.put("licenceKeys", licenceKeys(order.get()));
        model.put(
                "payNotice",
                Flash.shown(notice, null, PROVIDER_DOWN, PAYMENT_UNAVAILABLE, PAYMENT_REFUSED)
                        .orElse(null));
        return HttpResponse.ok(new ModelAndView<>("orders/show", model));
    }

    /**
     * Re-reads the order's progress after a projector batch while the order waits to be counted, and after every
     * mail sent for this order; ends once nothing can change any more. Streams per client and per order are capped.
     */
    @Get(value = "/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<Object>> events(
            @PathVariable UUID orderId, @QueryValue @Nullable String token, HttpRequest<?> request) {
        Map<String, Integer> limits = Map.of(
                "client:" + clientAddresses.resolve(request),
                liveConfig.maxStreamsPerClient(),
                "order:" + orderId,
                liveConfig.maxStreamsPerOrder());
        return streamLimits.limited(
                limits,
                () -> Mono.fromCallable(() -> orderApi.order(orderId, token))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMapMany(order -> order.map(found -> progressStream(found, orderId, token))
                                .orElseGet(Flux::empty)));
    }

    /** The keys with the licence's name and "3 seats", as the page lists them. */
    private static List<Map<String, Object>> licenceKeys(OrderApi.Order order) {
        return order.licences().stream()
                .map(licence -> {
                    String name = licence.line() >= 1
                                    && licence.line() <= order.lines().size()
                            ? order.lines().get(licence.line() - 1).name()
                            : licence.sku();
                    return Map.<String, Object>of(
                            "name",
                            name,
                            "sku",
                            licence.sku(),
                            "key",
                            licence.key(),
                            "seats",
                            licence.seats() + (licence.seats() == 1 ? " seat" : " seats"));
                })
                .toList();
    }

    private Flux<Event<Object>> progressStream(OrderApi.Order order, UUID orderId, @Nullable String token) {
        // a projector batch is about some order; once this one is counted, none of them concerns it
        AtomicBoolean waitsForSales = new AtomicBoolean(true);
        // the payment is command-api's: while it is open the order is read again, on a batch and on a short poll
        AtomicReference<OrderApi.Order> current = new AtomicReference<>(order);
        Flux<?> triggers = Flux.merge(
                notifications
                        .on(Topology.salesPositionChannel())
                        .filter(n -> waitsForSales.get() || current.get().paymentPending()),
                notifications
                        .on(Topology.mailSentChannel())
                        .filter(n -> n.payload().isEmpty() || n.payload().equals(orderId.toString())),
                Flux.interval(liveConfig.paymentPoll())
                        .filter(tick -> current.get().paymentPending()));
        return liveStreams.stream(
                triggers,
                () -> {
                    if (current.get().paymentPending()) {
                        orderApi.order(orderId, token).ifPresent(current::set);
                    }
                    ProgressUpdate update = update(current.get(), orderId);
                    waitsForSales.set(update.waitsForSales());
                    return update;
                },
                UPDATE_EVENT,
                ProgressUpdate::finished);
    }

    /**
     * Pay (again) by card: command-api creates a checkout at the provider (a new attempt after a decline) and the
     * shopper is sent to its hosted page. Refused or provider down → back to the order page with a message; nothing
     * was charged either way.
     */
    @Post(value = "/{orderId}/checkout", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> checkout(@PathVariable UUID orderId, @Body CancelForm form) {
        String page = OrderLinks.page(orderId.toString(), form.token());
        try (var ignored = LogContext.with("orderId", orderId.toString())) {
            Optional<OrderApi.Checkout> checkout = orderApi.checkout(orderId, form.token());
            if (checkout.isEmpty()) {
                LOG.info("checkout refused: no such order, or not its access token");
                return back(page, PAYMENT_REFUSED);
            }
            LOG.info("shopper sent to the card provider's checkout");
            return HttpResponse.seeOther(URI.create(checkout.get().checkoutUrl()));
        } catch (HttpClientResponseException refused) {
            LOG.warn("checkout of order {} refused by command API: {}", orderId, refused.getStatus());
            return back(page, refused.getStatus().getCode() >= 500 ? PROVIDER_DOWN : PAYMENT_REFUSED);
        } catch (HttpClientException e) {
            LOG.warn("checkout of order {} failed: {}", orderId, e.getMessage());
            return back(page, PAYMENT_UNAVAILABLE);
        }
    }

    private static HttpResponse<?> back(String page, Flash notice) {
        return HttpResponse.seeOther(notice.redirect(page));
    }

    private static HttpResponse<?> backTo(String page, String query) {
        return HttpResponse.seeOther(URI.create(page + (page.contains("?") ? "&" : "?") + query));
    }

    @Post(value = "/{orderId}/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> cancel(@PathVariable UUID orderId, @Body CancelForm form) {
        String page = OrderLinks.page(orderId.toString(), form.token());
        try (var ignored = LogContext.with("orderId", orderId.toString())) {
            // null: the command API answered 404 (no such order, or not this token)
            if (orderApi.cancel(orderId, form.token()) == null) {
                LOG.info("cancel refused: no such order, or not its access token");
                return cancelFailed(page);
            }
            LOG.info("order cancelled by the shopper");
            return HttpResponse.seeOther(URI.create(page));
        } catch (HttpClientException e) {
            LOG.warn("cancelling order {} failed: {}", orderId, e.getMessage());
            return cancelFailed(page);
        }
    }

    private static HttpResponse<?> cancelFailed(String page) {
        return backTo(page, "cancel=failed");
    }

    /** The cancel form: the order's access token, carried from the page (the CSRF token is checked before). */
    @Serdeable
    record CancelForm(@Nullable String token) {}

    private ProgressUpdate update(OrderApi.Order order, UUID orderId) {
        OrderProgress progress = OrderProgress.of(order, tracking.track(orderId));
        String html = fragments.render("orders/progress", Map.of("progress", progress));
        // the keys arrive with the payment: pushed with the steps, so the shopper need not reload
        String keysHtml = order.licences().isEmpty()
                ? ""
                : fragments.render("orders/keys", Map.of("licenceKeys", licenceKeys(order), "progress", progress));
        return new ProgressUpdate(
                progress.status(),
                progress.cancellable(),
                progress.finished(),
                progress.waitingFor("counted"),
                html,
                progress.payable(),
                progress.payLabel(),
                keysHtml);
    }

    @Serdeable
    record ProgressUpdate(
            String status,
            boolean cancellable,
            boolean finished,
            boolean waitsForSales,
            String html,
            boolean payable,
            @Nullable String payLabel,
            String keysHtml) {}
}
