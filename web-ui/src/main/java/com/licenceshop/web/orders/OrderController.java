package com.licenceshop.web.orders;

import com.licenceshop.events.Topology;
import com.licenceshop.web.live.DatabaseNotifications;
import com.licenceshop.web.live.LiveStreams;
import com.licenceshop.web.system.Fragments;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The order page: what was ordered and how far it got, pushed live, with a cancel button. No login: the order
 * id (a random UUID, in the shopper's confirmation) is the key to it.
 */
@Controller("/orders")
@Secured(SecurityRule.IS_ANONYMOUS)
class OrderController {

    private static final Logger LOG = LoggerFactory.getLogger(OrderController.class);
    static final String UPDATE_EVENT = "progress";

    private final OrderApi orderApi;
    private final OrderTracking tracking;
    private final DatabaseNotifications notifications;
    private final LiveStreams liveStreams;
    private final Fragments fragments;

    OrderController(OrderApi orderApi, OrderTracking tracking, DatabaseNotifications notifications,
                    LiveStreams liveStreams, Fragments fragments) {
        this.orderApi = orderApi;
        this.tracking = tracking;
        this.notifications = notifications;
        this.liveStreams = liveStreams;
        this.fragments = fragments;
    }

    @Get(value = "/{orderId}", produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> order(@PathVariable UUID orderId, @QueryValue @Nullable String cancel) {
        Optional<OrderApi.Order> order;
        try {
            order = orderApi.order(orderId);
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
        return HttpResponse.ok(new ModelAndView<>("orders/show", model));
    }

    /** Re-reads the order's progress after every projector batch and every mail sent for this order. */
    @Get(value = "/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<Object>> events(@PathVariable UUID orderId) {
        return Mono.fromCallable(() -> orderApi.order(orderId))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(order -> order.<Publisher<Event<Object>>>map(found -> {
                    Flux<?> triggers = Flux.merge(
                            notifications.on(Topology.salesPositionChannel()),
                            notifications.on(Topology.mailSentChannel())
                                    .filter(n -> n.payload().isEmpty() || n.payload().equals(orderId.toString())));
                    return liveStreams.stream(triggers, () -> update(found, orderId), UPDATE_EVENT);
                }).orElseGet(Flux::empty));
    }

    @Post(value = "/{orderId}/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> cancel(@PathVariable UUID orderId) {
        try (var ignored = MDC.putCloseable("orderId", orderId.toString())) {
            orderApi.cancel(orderId);
            LOG.info("order cancelled by the shopper");
            return HttpResponse.seeOther(URI.create("/orders/" + orderId));
        } catch (HttpClientException e) {
            LOG.warn("cancelling order {} failed: {}", orderId, e.getMessage());
            return HttpResponse.seeOther(URI.create("/orders/" + orderId + "?cancel=failed"));
        }
    }

    private ProgressUpdate update(OrderApi.Order order, UUID orderId) {
        OrderProgress progress = OrderProgress.of(order, tracking.track(orderId));
        String html = fragments.render("orders/progress", Map.of("progress", progress));
        return new ProgressUpdate(progress.status(), progress.cancellable(), progress.finished(), html);
    }

    @Serdeable
    record ProgressUpdate(String status, boolean cancellable, boolean finished, String html) {
    }
}
