package com.licenceshop.provider.checkout;

import com.licenceshop.provider.api.ApiError;
import com.licenceshop.provider.api.ProviderConfig;
import com.licenceshop.provider.api.StripeIds;
import com.licenceshop.provider.events.EventLog;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider's account, in memory: Checkout Sessions, the PaymentIntents and charges a card payment makes, and
 * refunds. Objects are kept in Stripe's JSON shape; every change that Stripe announces records its event. One lock:
 * this is a local test double, not a bank. A restart forgets everything (README).
 */
@Singleton
class Account {

    static final long MAX_AMOUNT = 99_999_999L;
    private static final Duration MAX_SESSION_LIFETIME = Duration.ofHours(24);

    private final Map<String, Map<String, Object>> sessions = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> lineItems = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> paymentIntents = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> charges = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> refunds = new LinkedHashMap<>();
    private final EventLog events;
    private final ProviderConfig config;
    private final Clock clock;

    Account(EventLog events, ProviderConfig config, Clock clock) {
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    // ---- Checkout Sessions

    @SuppressWarnings("unchecked")
    synchronized Map<String, Object> createSession(Map<String, Object> form) {
        if (!"payment".equals(form.get("mode"))) {
            throw form.get("mode") == null
                    ? ApiError.missingParam("mode")
                    : ApiError.invalidRequest("Only mode=payment is supported by this provider.", "mode");
        }
        if (!(form.get("line_items") instanceof List<?> items) || items.isEmpty()) {
            throw ApiError.missingParam("line_items");
        }
        long now = clock.instant().getEpochSecond();
        String currency = null;
        long total = 0;
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "line_items[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw ApiError.invalidRequest("Invalid " + at, at);
            }
            if (item.get("price") != null) {
                throw ApiError.noSuch("price", String.valueOf(item.get("price")), at + "[price]");
            }
            if (!(item.get("price_data") instanceof Map<?, ?> priceData)) {
                throw ApiError.missingParam(at + "[price_data]");
            }
            long quantity = positive(item.get("quantity"), at + "[quantity]", 1);
            long unitAmount = positive(priceData.get("unit_amount"), at + "[price_data][unit_amount]", 0);
            String lineCurrency = required(priceData.get("currency"), at + "[price_data][currency]")
                    .toLowerCase();
            if (currency != null && !currency.equals(lineCurrency)) {
                throw ApiError.invalidRequest(
                        "All line items must have the same currency.", at + "[price_data][currency]");
            }
            currency = lineCurrency;
            if (!(priceData.get("product_data") instanceof Map<?, ?> product)) {
                throw ApiError.missingParam(at + "[price_data][product_data]");
            }
            String name = required(product.get("name"), at + "[price_data][product_data][name]");
            long lineTotal = Math.multiplyExact(unitAmount, quantity);
            total = Math.addExact(total, lineTotal);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", StripeIds.next("li_"));
            line.put("object", "item");
            line.put("amount_subtotal", lineTotal);
            line.put("amount_total", lineTotal);
            line.put("currency", lineCurrency);
            line.put("description", name);
            // price_data makes an inline price and product, each with an id, as Stripe's do
            line.put(
                    "price",
                    Map.of(
                            "id",
                            StripeIds.next("price_"),
                            "object",
                            "price",
                            "currency",
                            lineCurrency,
                            "unit_amount",
                            unitAmount,
                            "product",
                            StripeIds.next("prod_")));
            line.put("quantity", quantity);
            lines.add(line);
        }
        if (total > MAX_AMOUNT) {
            throw new ApiError(
                    400,
                    "invalid_request_error",
                    "amount_too_large",
                    "Amount must be no more than " + MAX_AMOUNT + " (" + currency + ").",
                    "line_items");
        }
        long expiresAt = expiresAt(form.get("expires_at"), now);
        String id = StripeIds.next("cs_test_");
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", id);
        session.put("object", "checkout.session");
        session.put("amount_subtotal", total);
        session.put("amount_total", total);
        session.put("cancel_url", form.get("cancel_url"));
        session.put("client_reference_id", optionalText(form.get("client_reference_id"), "client_reference_id", 200));
        session.put("created", now);
        session.put("currency", currency);
        session.put("customer_email", form.get("customer_email"));
        session.put("expires_at", expiresAt);
        session.put("livemode", false);
        session.put("metadata", metadata(form.get("metadata"), "metadata"));
        session.put("mode", "payment");
        session.put("payment_intent", null);
        session.put("payment_method_types", List.of("card"));
        session.put("payment_status", "unpaid");
        session.put("status", "open");
        session.put("success_url", form.get("success_url"));
        session.put("url", config.publicUrl() + "/c/pay/" + id);
        Map<String, Object> intentData =
                form.get("payment_intent_data") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        sessions.put(id, session);
        lineItems.put(id, lines);
        intentMetadata.put(id, metadata(intentData.get("metadata"), "payment_intent_data[metadata]"));
        return session;
    }

    private final Map<String, Map<String, Object>> intentMetadata = new LinkedHashMap<>();

    synchronized Map<String, Object> session(String id) {
        Map<String, Object> session = sessions.get(id);
        if (session == null) {
            throw ApiError.noSuch("checkout.session", id, "session");
        }
        return session;
    }

    synchronized Optional<Map<String, Object>> findSession(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    synchronized List<Map<String, Object>> lineItems(String sessionId) {
        session(sessionId);
        return lineItems.get(sessionId);
    }

    synchronized List<Map<String, Object>> sessionsNewestFirst() {
        List<Map<String, Object>> all = new ArrayList<>(sessions.values());
        java.util.Collections.reverse(all);
        return all;
    }

    synchronized Map<String, Object> expire(String id) {
        Map<String, Object> session = session(id);
        if (!"open".equals(session.get("status"))) {
            throw new ApiError(
                    400,
                    "invalid_request_error",
                    "checkout_session_not_open",
                    "Only Checkout Sessions with a status in [\"open\"] can be expired.",
                    null);
        }
        markExpired(session);
        return session;
    }

    /** Sessions past their {@code expires_at} expire, as Stripe's do. */
    synchronized int expireDue() {
        long now = clock.instant().getEpochSecond();
        int expired = 0;
        for (Map<String, Object> session : sessions.values()) {
            if ("open".equals(session.get("status")) && ((Number) session.get("expires_at")).longValue() <= now) {
                markExpired(session);
                expired++;
            }
        }
        return expired;
    }

    private void markExpired(Map<String, Object> session) {
        session.put("status", "expired");
        session.put("url", null);
        events.record("checkout.session.expired", session);
    }

    // ---- paying on the hosted page

    sealed interface Payment permits Paid, Declined, Refused, NotOpen {}

    record Paid(Map<String, Object> session) implements Payment {}

    record Declined(Map<String, Object> session, String message) implements Payment {}

    record Refused(Map<String, Object> session, Cards.FormError error) implements Payment {}

    record NotOpen(Map<String, Object> session) implements Payment {}

    synchronized Payment pay(String sessionId, String number, String expiry, String cvc) {
        Map<String, Object> session = session(sessionId);
        if (!"open".equals(session.get("status"))) {
            return new NotOpen(session);
        }
        Cards.FormError formError = Cards.formError(number, expiry, cvc, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        if (formError != null) {
            return new Refused(session, formError);
        }
        long now = clock.instant().getEpochSecond();
        Map<String, Object> intent = intentOf(session, now);
        Cards.Decline decline = Cards.decline(number);
        String last4 = Cards.digits(number).substring(Cards.digits(number).length() - 4);
        if (decline != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", "card_error");
            error.put("code", decline.code());
            error.put("decline_code", decline.declineCode());
            error.put("message", decline.message());
            error.put(
                    "payment_method",
                    Map.of(
                            "object",
                            "payment_method",
                            "type",
                            "card",
                            "card",
                            Map.of("brand", Cards.brand(number), "last4", last4)));
            intent.put("last_payment_error", error);
            intent.put("status", "requires_payment_method");
            events.record("payment_intent.payment_failed", intent);
            return new Declined(session, decline.message());
        }
        String chargeId = StripeIds.next("ch_");
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("id", chargeId);
        charge.put("object", "charge");
        charge.put("amount", intent.get("amount"));
        charge.put("amount_captured", intent.get("amount"));
        charge.put("amount_refunded", 0L);
        charge.put("created", now);
        charge.put("currency", intent.get("currency"));
        charge.put("metadata", intent.get("metadata"));
        charge.put("paid", true);
        charge.put("payment_intent", intent.get("id"));
        charge.put(
                "payment_method_details",
                Map.of("type", "card", "card", Map.of("brand", Cards.brand(number), "last4", last4)));
        charge.put("refunded", false);
        charge.put("status", "succeeded");
        charges.put(chargeId, charge);
        intent.put("amount_received", intent.get("amount"));
        intent.put("last_payment_error", null);
        intent.put("latest_charge", chargeId);
        intent.put("status", "succeeded");
        session.put("payment_status", "paid");
        session.put("status", "complete");
        session.put("url", null);
        events.record("charge.succeeded", charge);
        events.record("payment_intent.succeeded", intent);
        events.record("checkout.session.completed", session);
        return new Paid(session);
    }

    private Map<String, Object> intentOf(Map<String, Object> session, long now) {
        String existing = (String) session.get("payment_intent");
        if (existing != null) {
            return paymentIntents.get(existing);
        }
        String id = StripeIds.next("pi_");
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", id);
        intent.put("object", "payment_intent");
        intent.put("amount", session.get("amount_total"));
        intent.put("amount_received", 0L);
        intent.put("created", now);
        intent.put("currency", session.get("currency"));
        intent.put("last_payment_error", null);
        intent.put("latest_charge", null);
        intent.put("livemode", false);
        intent.put("metadata", intentMetadata.getOrDefault((String) session.get("id"), Map.of()));
        intent.put("payment_method_types", List.of("card"));
        intent.put("status", "requires_payment_method");
        paymentIntents.put(id, intent);
        session.put("payment_intent", id);
        return intent;
    }

    synchronized Map<String, Object> paymentIntent(String id) {
        Map<String, Object> intent = paymentIntents.get(id);
        if (intent == null) {
            throw ApiError.noSuch("payment_intent", id, "intent");
        }
        return intent;
    }

    // ---- refunds

    synchronized Map<String, Object> refund(Map<String, Object> form) {
        Map<String, Object> charge;
        if (form.get("payment_intent") instanceof String pi) {
            Map<String, Object> intent = paymentIntents.get(pi);
            if (intent == null) {
                throw ApiError.noSuch("payment_intent", pi, "payment_intent");
            }
            if (!"succeeded".equals(intent.get("status"))) {
                throw new ApiError(
                        400,
                        "invalid_request_error",
                        "charge_not_refundable",
                        "This PaymentIntent (" + pi + ") does not have a successful charge to refund.",
                        "payment_intent");
            }
            charge = charges.get((String) intent.get("latest_charge"));
        } else if (form.get("charge") instanceof String ch) {
            charge = charges.get(ch);
            if (charge == null) {
                throw ApiError.noSuch("charge", ch, "charge");
            }
        } else {
            throw ApiError.missingParam("payment_intent");
        }
        long amount = ((Number) charge.get("amount")).longValue();
        long refunded = ((Number) charge.get("amount_refunded")).longValue();
        long remaining = amount - refunded;
        if (remaining == 0) {
            throw new ApiError(
                    400,
                    "invalid_request_error",
                    "charge_already_refunded",
                    "Charge " + charge.get("id") + " has already been refunded.",
                    null);
        }
        long requested = form.get("amount") == null ? remaining : positive(form.get("amount"), "amount", 1);
        if (requested > remaining) {
            throw new ApiError(
                    400,
                    "invalid_request_error",
                    "amount_too_large",
                    "Refund amount (" + requested + ") is greater than unrefunded amount on charge (" + remaining + ")",
                    "amount");
        }
        long now = clock.instant().getEpochSecond();
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("id", StripeIds.next("re_"));
        refund.put("object", "refund");
        refund.put("amount", requested);
        refund.put("charge", charge.get("id"));
        refund.put("created", now);
        refund.put("currency", charge.get("currency"));
        refund.put("metadata", metadata(form.get("metadata"), "metadata"));
        refund.put("payment_intent", charge.get("payment_intent"));
        refund.put("reason", form.get("reason"));
        refund.put("status", "succeeded");
        refunds.put((String) refund.get("id"), refund);
        charge.put("amount_refunded", refunded + requested);
        charge.put("refunded", refunded + requested == amount);
        events.record("refund.created", refund);
        events.record("charge.refunded", charge);
        return refund;
    }

    synchronized Map<String, Object> refundById(String id) {
        Map<String, Object> refund = refunds.get(id);
        if (refund == null) {
            throw ApiError.noSuch("refund", id, "id");
        }
        return refund;
    }

    synchronized List<Map<String, Object>> refundsNewestFirst() {
        List<Map<String, Object>> all = new ArrayList<>(refunds.values());
        java.util.Collections.reverse(all);
        return all;
    }

    // ---- parameters

    private long expiresAt(Object value, long now) {
        if (value == null) {
            return now + MAX_SESSION_LIFETIME.toSeconds();
        }
        long at = positive(value, "expires_at", 1);
        long earliest = now + config.minimumSessionLifetime().toSeconds();
        if (at < earliest || at > now + MAX_SESSION_LIFETIME.toSeconds()) {
            throw ApiError.invalidRequest(
                    "The `expires_at` timestamp must be between "
                            + config.minimumSessionLifetime().toMinutes()
                            + " minutes and 24 hours from Checkout Session creation.",
                    "expires_at");
        }
        return at;
    }

    private static long positive(Object value, String param, long minimum) {
        if (value == null) {
            throw ApiError.missingParam(param);
        }
        try {
            long n = Long.parseLong(value.toString());
            if (n < minimum) {
                throw ApiError.invalidRequest("This value must be greater than or equal to " + minimum + ".", param);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.invalidRequest("Invalid integer: " + value, param);
        }
    }

    private static String required(Object value, String param) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw ApiError.missingParam(param);
        }
        return s;
    }

    private static String optionalText(Object value, String param, int max) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        if (s.length() > max) {
            throw ApiError.invalidRequest("Invalid string: must be at most " + max + " characters", param);
        }
        return s;
    }

    private static Map<String, Object> metadata(Object value, String param) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (value == null || "".equals(value)) {
            return metadata;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ApiError.invalidRequest("Invalid object", param);
        }
        if (map.size() > 50) {
            throw ApiError.invalidRequest("You can specify up to 50 keys.", param);
        }
        map.forEach((k, v) -> {
            String key = k.toString();
            if (key.length() > 40 || v.toString().length() > 500) {
                throw ApiError.invalidRequest(
                        "Metadata keys can be up to 40 characters and values up to 500 characters.",
                        param + "[" + key + "]");
            }
            metadata.put(key, v.toString());
        });
        return metadata;
    }
}
