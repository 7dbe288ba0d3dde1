package com.licenceshop.provider.checkout;

import com.licenceshop.provider.api.FormBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hosted checkout page a session's {@code url} points to ({@code /c/pay/<session id>}, as Stripe's): the order
 * summary and a card form with labelled number, expiry and CVC fields. Paid → 303 to the session's
 * {@code success_url} ({@code {CHECKOUT_SESSION_ID}} filled in); declined → the page again with the decline message,
 * the session still open for another card, as Stripe's page does.
 */
@Controller("/c/pay")
@ExecuteOn(TaskExecutors.BLOCKING)
class HostedCheckoutController {

    private final Account account;

    HostedCheckoutController(Account account) {
        this.account = account;
    }

    @Get("/{id}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> page(String id) {
        return account.findSession(id)
                .<HttpResponse<?>>map(s -> HttpResponse.ok(view(s, null, null, Map.of())))
                .orElseGet(() -> HttpResponse.notFound(new ModelAndView<>("checkout-unknown", Map.of())));
    }

    @Post("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> pay(String id, @Nullable @Body String body) {
        if (account.findSession(id).isEmpty()) {
            return HttpResponse.notFound(new ModelAndView<>("checkout-unknown", Map.of()));
        }
        Map<String, Object> form = FormBody.parse(body);
        String number = text(form.get("card_number"));
        String expiry = text(form.get("card_expiry"));
        String cvc = text(form.get("card_cvc"));
        Map<String, String> entered = Map.of("card_number", number, "card_expiry", expiry);
        Account.Payment payment = account.pay(id, number, expiry, cvc);
        if (payment instanceof Account.Paid paid) {
            return paid.session().get("success_url") instanceof String url
                    ? HttpResponse.seeOther(URI.create(url.replace("{CHECKOUT_SESSION_ID}", id)))
                    : HttpResponse.ok(view(paid.session(), null, null, Map.of()));
        }
        if (payment instanceof Account.Declined declined) {
            return HttpResponse.status(HttpStatus.PAYMENT_REQUIRED)
                    .body(view(declined.session(), declined.message(), null, entered));
        }
        if (payment instanceof Account.Refused refused) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(view(
                            refused.session(),
                            refused.error().message(),
                            refused.error().field(),
                            entered));
        }
        return HttpResponse.status(HttpStatus.CONFLICT)
                .body(view(((Account.NotOpen) payment).session(), null, null, Map.of()));
    }

    @SuppressWarnings("unchecked")
    private ModelAndView<Map<String, Object>> view(
            Map<String, Object> session, String error, String errorField, Map<String, String> entered) {
        String currency = (String) session.get("currency");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", session.get("id"));
        model.put("email", session.get("customer_email"));
        model.put("total", money(((Number) session.get("amount_total")).longValue(), currency));
        model.put(
                "lines",
                account.lineItems((String) session.get("id")).stream()
                        .map(line -> Map.of(
                                "description",
                                line.get("description"),
                                "quantity",
                                line.get("quantity"),
                                "amount",
                                money(((Number) line.get("amount_total")).longValue(), currency)))
                        .toList());
        model.put("open", "open".equals(session.get("status")));
        model.put("paid", "paid".equals(session.get("payment_status")));
        model.put("expired", "expired".equals(session.get("status")));
        model.put("cancelUrl", session.get("cancel_url"));
        model.put(
                "successUrl",
                session.get("success_url") instanceof String url
                        ? url.replace("{CHECKOUT_SESSION_ID}", (String) session.get("id"))
                        : null);
        model.put("error", error);
        model.put("errorField", errorField);
        model.put("cardNumber", entered.getOrDefault("card_number", ""));
        model.put("cardExpiry", entered.getOrDefault("card_expiry", ""));
        return new ModelAndView<>("checkout", model);
    }

    static String money(long cents, String currency) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.UK);
        Currency c = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
        format.setCurrency(c);
        format.setMaximumFractionDigits(c.getDefaultFractionDigits());
        format.setMinimumFractionDigits(c.getDefaultFractionDigits());
        return format.format(java.math.BigDecimal.valueOf(cents, c.getDefaultFractionDigits()));
    }

    private static String text(Object value) {
        return value instanceof String s
                ? s
                : value instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : "";
    }
}
