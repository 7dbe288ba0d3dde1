package com.licenceshop.web.shop;

import com.licenceshop.servicedefaults.LogContext;
import com.licenceshop.web.errors.CommandApiProblems;
import com.licenceshop.web.view.OrderLinks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shop: the licences and the buy form. Shoppers need no login; prices come only from the command API. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class ShopController {

    private static final Logger LOG = LoggerFactory.getLogger(ShopController.class);
    private static final String VIEW = "shop/index";
    private static final String DEFAULT_SKU = "PROFESSIONAL";

    private final ShopApi shopApi;
    private final CommandApiProblems problems;
    private final HttpClientAddressResolver clientAddresses;

    ShopController(ShopApi shopApi, CommandApiProblems problems, HttpClientAddressResolver clientAddresses) {
        this.shopApi = shopApi;
        this.problems = problems;
        this.clientAddresses = clientAddresses;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> shop(@QueryValue @Nullable String sku) {
        return page(HttpStatus.OK, BuyForm.blank(sku == null ? DEFAULT_SKU : sku), Map.of());
    }

    @Post(value = "/orders", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> buy(@Body BuyForm form, HttpRequest<?> request) {
        Map<String, String> formatErrors = form.formatErrors();
        if (!formatErrors.isEmpty()) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, form.again(), formatErrors);
        }
        var order = new ShopApi.PlaceOrder(
                blankToNull(form.customerEmail()),
                List.of(new ShopApi.Item(blankToNull(form.sku()), form.parsedQuantity())),
                form.paymentMethodOrCard(),
                form.onInvoice() ? blankToNull(form.company()) : null,
                form.onInvoice() ? blankToNull(form.billingAddress()) : null);
        try {
            HttpResponse<ShopApi.OrderAccepted> accepted =
                    shopApi.placeOrder(order, form.idempotencyKeyOrNew(), clientAddresses.resolve(request));
            ShopApi.OrderAccepted body =
                    accepted.getBody().orElseThrow(() -> new IllegalStateException("202 without a body"));
            try (var ignored = LogContext.with("orderId", body.orderId())) {
                LOG.info("order placed through the shop");
            }
            // the order page's URL carries the access token: only this shopper (and the mail's link) has it
            return HttpResponse.seeOther(URI.create(OrderLinks.page(body.orderId(), body.orderToken())));
        } catch (HttpClientResponseException rejected) {
            if (rejected.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                LOG.info("order refused by the command API's rate limit");
                HttpResponse<?> page = page(
                        HttpStatus.TOO_MANY_REQUESTS,
                        form,
                        Map.of(
                                BuyForm.FORM,
                                "You have placed many orders just now. Nothing was ordered; please try again in a little while."));
                String retryAfter = rejected.getResponse().getHeaders().get("Retry-After");
                return retryAfter == null || !(page instanceof MutableHttpResponse<?> mutable)
                        ? page
                        : mutable.header("Retry-After", retryAfter);
            }
            if (rejected.getStatus().getCode() >= 500) {
                LOG.warn("command API failed to place an order: {}", rejected.getStatus());
                return page(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        form,
                        Map.of(
                                BuyForm.FORM,
                                "The shop cannot take orders right now. Nothing was ordered; please try again in a moment."));
            }
            return page(
                    HttpStatus.UNPROCESSABLE_ENTITY, form.again(), ValidationMessages.byField(problems.of(rejected)));
        } catch (HttpClientException unreachable) {
            LOG.warn("command API unreachable: {}", unreachable.getMessage());
            // same key kept: if the order did get through, trying again returns it instead of a second one
            return page(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    form,
                    Map.of(BuyForm.FORM, "The shop cannot take orders right now. Please try again in a moment."));
        }
    }

    private HttpResponse<?> page(HttpStatus status, BuyForm form, Map<String, String> errors) {
        List<ShopApi.Product> products;
        try {
            products = shopApi.products();
        } catch (HttpClientException unavailable) {
            LOG.warn("catalog unavailable: {}", unavailable.getMessage());
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new ModelAndView<>("shop/unavailable", Map.of()));
        }
        List<ProductChoice> choices = products.stream()
                .map(product -> new ProductChoice(product, product.sku().equals(form.sku())))
                .toList();
        Map<String, Object> model = Map.of("products", choices, "form", form, "errors", errors);
        return HttpResponse.status(status).body(new ModelAndView<>(VIEW, model));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    record ProductChoice(ShopApi.Product product, boolean checked) {}
}
