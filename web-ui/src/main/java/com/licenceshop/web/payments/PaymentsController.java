package com.licenceshop.web.payments;

import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.web.errors.CommandApiProblems;
import com.licenceshop.web.login.Roles;
import com.licenceshop.web.view.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sales staff's payments page (ADR 13): record a bank transfer for an invoice (partial and over-payments shown as
 * such), refund a paid order after a confirmation, and the payments that wait (overdue invoices first). The
 * command API decides and records; this page only asks it and says plainly what it answered.
 */
@Controller("/payments")
@Secured(Roles.SALES)
class PaymentsController {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentsController.class);
    private static final String VIEW = "payments/page";
    private static final String CURRENCY = "EUR";
    private static final Pattern INVOICE_NUMBER = Pattern.compile("^[0-9]{4}-[0-9]{6}$");
    static final String DOWN =
            "The command API does not answer just now, so nothing was recorded. Please try again in a moment.";
    static final String NOT_ALLOWED =
            "The command API refused this: your login was not accepted or lacks the role SALES. "
                    + "Nothing was recorded. Log out and in again.";

    private final PaymentsApi api;
    private final CommandApiProblems problems;

    PaymentsController(PaymentsApi api, CommandApiProblems problems) {
        this.api = api;
        this.problems = problems;
    }

    /** The transfer form as typed; the amount as text (it comes back to the form when it is not one). */
    @Serdeable
    record TransferForm(
            @Nullable String invoiceNumber,
            @Nullable String amount,
            @Nullable String reference) {}

    @Serdeable
    record RefundForm(@Nullable String orderId) {}

    @Get(produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> page() {
        return page(HttpStatus.OK, new TransferForm("", "", ""), Map.of(), null);
    }

    @Post(value = "/transfers", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> recordTransfer(@Body TransferForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String number = form.invoiceNumber() == null ? "" : form.invoiceNumber().strip();
        if (!INVOICE_NUMBER.matcher(number).matches()) {
            errors.put("invoiceNumber", "Enter the invoice number as on the invoice, e.g. 2026-000042.");
        }
        Long cents = AmountInput.cents(form.amount());
        if (cents == null) {
            errors.put("amount", "Enter the amount received, e.g. 595.00.");
        }
        String reference = form.reference() == null ? "" : form.reference().strip();
        if (reference.isEmpty()) {
            errors.put("reference", "Enter the bank's reference of the transfer.");
        }
        if (!errors.isEmpty()) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, form, errors, null);
        }
        try {
            HttpResponse<PaymentsApi.Transfers> answer =
                    api.recordTransfer(number, Map.of("amountCents", cents, "reference", reference));
            if (answer.code() == HttpStatus.NOT_FOUND.getCode()
                    || answer.getBody().isEmpty()) {
                return page(
                        HttpStatus.NOT_FOUND,
                        form,
                        Map.of("invoiceNumber", "There is no invoice " + number + "."),
                        null);
            }
            PaymentsApi.Transfers transfers = answer.getBody().get();
            LOG.info(
                    "transfer recorded for invoice {}: {} received of {}",
                    number,
                    transfers.receivedCents(),
                    transfers.grossCents());
            return page(HttpStatus.OK, new TransferForm("", "", ""), Map.of(), Notice.of(transfers));
        } catch (HttpClientResponseException refused) {
            return page(
                    status(refused), form, Map.of("form", message(refused, "The transfer was not recorded.")), null);
        } catch (HttpClientException down) {
            LOG.warn("command API unreachable for a transfer: {}", down.getMessage());
            return page(HttpStatus.SERVICE_UNAVAILABLE, form, Map.of("form", DOWN), null);
        }
    }

    /** The confirmation before a refund: it revokes the keys and cannot be undone. */
    @Get(value = "/refund", produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> confirmRefund(@QueryValue @Nullable String orderId) {
        if (!isUuid(orderId)) {
            return page(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    new TransferForm("", "", ""),
                    Map.of("orderId", "Enter the order's id, as in the order mail or the ops console."),
                    null);
        }
        return HttpResponse.ok(new ModelAndView<>("payments/refund", Map.of("orderId", orderId.strip())));
    }

    @Post(value = "/refund", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> refund(@Body RefundForm form) {
        TransferForm blank = new TransferForm("", "", "");
        if (!isUuid(form.orderId())) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, blank, Map.of("orderId", "Enter the order's id."), null);
        }
        String orderId = form.orderId().strip();
        try {
            HttpResponse<PaymentsApi.Refund> answer = api.refund(orderId);
            if (answer.code() == HttpStatus.NOT_FOUND.getCode()
                    || answer.getBody().isEmpty()) {
                return page(
                        HttpStatus.NOT_FOUND,
                        blank,
                        Map.of("orderId", "There is no paid order " + orderId + "."),
                        null);
            }
            String status = answer.getBody().get().status();
            LOG.info("refund of order {} asked for: {}", orderId, status);
            return page(
                    HttpStatus.OK,
                    blank,
                    Map.of(),
                    new Notice(
                            "refund",
                            "REFUNDED".equals(status)
                                    ? "Order " + orderId
                                            + " is refunded; its keys are revoked and the buyer is told by mail."
                                    : "The refund of order " + orderId
                                            + " is on its way at the card provider; its keys are revoked once it confirms."));
        } catch (HttpClientResponseException refused) {
            return page(
                    status(refused), blank, Map.of("refund", message(refused, "The order was not refunded.")), null);
        } catch (HttpClientException down) {
            LOG.warn("command API unreachable for a refund: {}", down.getMessage());
            return page(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    blank,
                    Map.of("refund", DOWN.replace("recorded", "refunded")),
                    null);
        }
    }

    /** What the staff member reads after an action that went through. */
    record Notice(String kind, String text) {
        static Notice of(PaymentsApi.Transfers t) {
            String received = Money.format(t.receivedCents(), CURRENCY) + " of "
                    + Money.format(t.grossCents(), CURRENCY) + " received";
            String text;
            if (t.overpaidCents() > 0) {
                text = "Transfer recorded for invoice " + t.invoiceNumber() + ": " + received + ", overpaid by "
                        + Money.format(t.overpaidCents(), CURRENCY) + " (to be sent back).";
            } else if (t.outstandingCents() > 0) {
                text = "Transfer recorded for invoice " + t.invoiceNumber() + ": " + received + ", "
                        + Money.format(t.outstandingCents(), CURRENCY) + " still outstanding.";
            } else {
                text = "Transfer recorded for invoice " + t.invoiceNumber() + ": " + received
                        + ". The invoice is paid; the keys go out.";
            }
            return new Notice(t.overpaidCents() > 0 ? "overpaid" : t.outstandingCents() > 0 ? "partial" : "paid", text);
        }
    }

    private HttpResponse<?> page(
            HttpStatus status, TransferForm form, Map<String, String> errors, @Nullable Notice notice) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("errors", errors);
        if (notice != null) {
            model.put("notice", notice);
        }
        try {
            List<PaymentsApi.Waiting> waiting = api.waiting();
            model.put("waiting", waiting);
            model.put(
                    "overdue",
                    waiting.stream().filter(PaymentsApi.Waiting::overdue).toList());
        } catch (HttpClientException unavailable) {
            LOG.warn("payments waiting unavailable: {}", unavailable.getMessage());
            model.put("waitingUnavailable", true);
        }
        return HttpResponse.status(status).body(new ModelAndView<>(VIEW, model));
    }

    private static HttpStatus status(HttpClientResponseException refused) {
        int code = refused.code();
        return code >= 500
                ? HttpStatus.SERVICE_UNAVAILABLE
                : code == 401 || code == 403
                        ? HttpStatus.FORBIDDEN
                        : code == 409 ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
    }

    /** The command API's own words (its problem detail), or a plain sentence for a login or server failure. */
    private String message(HttpClientResponseException refused, String fallback) {
        int code = refused.code();
        if (code == 401 || code == 403) {
            return NOT_ALLOWED;
        }
        if (code >= 500) {
            return DOWN;
        }
        Problem problem = problems.of(refused);
        Map<String, String> byField = CommandApiProblems.byField(problem, field -> "form", "form", fallback);
        return String.join(" ", byField.values());
    }

    private static boolean isUuid(@Nullable String text) {
        if (text == null) {
            return false;
        }
        try {
            UUID.fromString(text.strip());
            return text.strip().length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
