package com.licenceshop.command.payment;

import com.licenceshop.command.problem.ProblemResponses;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.command.request.JsonValues;
import com.licenceshop.command.request.RequestBodies;
import com.licenceshop.command.system.CorrelationIds;
import com.licenceshop.servicedefaults.ProblemException;
import com.licenceshop.servicedefaults.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Sales staff record bank transfers for invoices; ops see the payments that wait (ADR 13). */
@Controller
@Tag(name = "payments")
class PaymentController {

    static final String INVOICE_NUMBER_PATTERN = "^[0-9]{4}-[0-9]{6}$";
    private static final Pattern INVOICE_NUMBER = Pattern.compile(INVOICE_NUMBER_PATTERN);
    private static final Pattern REFERENCE = Pattern.compile("^[\\x21-\\x7E]([\\x20-\\x7E]{0,98}[\\x21-\\x7E])?$");

    private final Payments payments;
    private final RequestBodies bodies;
    private final PaymentPolicy policy;
    private final Clock clock;

    PaymentController(Payments payments, RequestBodies bodies, PaymentPolicy policy, Clock clock) {
        this.payments = payments;
        this.bodies = bodies;
        this.policy = policy;
        this.clock = clock;
    }

    /** The body of POST /api/invoices/{number}/transfers as documented. */
    @Schema(name = "RecordTransferRequest")
    record TransferRequest(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    minimum = "1",
                    example = "357000",
                    description = "what arrived, in cents of the invoice's currency")
            long amountCents,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    maxLength = 100,
                    example = "BANK-2026-11-23-0042",
                    description = "the bank's reference of the transfer; the same one twice is refused")
            String reference) {}

    @Post(
            value = "/api/invoices/{number}/transfers",
            consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary = "Record a bank transfer received for an invoice (sales staff)",
            description = "Partial payments leave an outstanding amount; once the received total reaches the gross the "
                    + "order is paid and its keys are issued. More than the gross is recorded and shown as overpaid (to be "
                    + "sent back); a transfer for an invoice paid already too, never a second payment.",
            requestBody =
                    @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = TransferRequest.class))))
    @ProblemResponses.StaffOnly
    @ProblemResponses.JsonBody
    @ApiResponse(
            responseCode = "201",
            description = "Recorded; the invoice's figures now",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Payments.TransferView.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.PaymentConflict
    @ProblemResponses.Unavailable
    HttpResponse<Payments.TransferView> recordTransfer(
            HttpRequest<?> request,
            @Parameter(
                            description = "the invoice number, YYYY-NNNNNN",
                            schema = @Schema(type = "string", pattern = INVOICE_NUMBER_PATTERN))
                    @PathVariable
                    String number,
            @Nullable @Body byte[] body,
            Authentication staff) {
        if (!INVOICE_NUMBER.matcher(number).matches()) {
            throw Problems.exception(ProblemType.NOT_FOUND, "There is no invoice " + number + ".");
        }
        Object parsed = bodies.parse(request, body, "{amountCents, reference}");
        List<Violation> violations = new ArrayList<>();
        Long amount = null;
        String reference = null;
        if (!(parsed instanceof Map<?, ?> fields)) {
            violations.add(new Violation("body", "object", "must be a JSON object"));
        } else {
            BigInteger cents =
                    fields.get("amountCents") == null ? null : JsonValues.wholeNumber(fields.get("amountCents"));
            if (cents == null || cents.signum() <= 0 || cents.bitLength() > 40) {
                violations.add(new Violation("amountCents", "amount", "must be a whole number of cents above 0"));
            } else {
                amount = cents.longValue();
            }
            if (!(fields.get("reference") instanceof String text)
                    || !REFERENCE.matcher(text).matches()) {
                violations.add(new Violation("reference", "reference", "must be 1 to 100 printable ASCII characters"));
            } else {
                reference = text;
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(Problems.of(
                    ProblemType.INVALID_REQUEST,
                    "The transfer breaks " + violations.size() + " rule(s); nothing was recorded.",
                    violations));
        }
        return payments.recordTransfer(number, reference, amount, staff.getName(), CorrelationIds.of(request))
                .map(view -> HttpResponse.created(view))
                .orElseThrow(() -> Problems.exception(ProblemType.NOT_FOUND, "There is no invoice " + number + "."));
    }

    @Get(value = "/api/ops/payments", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary =
                    "Payments that wait: card payments on the provider or the shopper, invoices unpaid (overdue first)")
    @ProblemResponses.OpsOnly
    @ApiResponse(
            responseCode = "200",
            description = "At most 200, overdue invoices first, then the longest waiting",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            array = @ArraySchema(schema = @Schema(implementation = Payments.Waiting.class))))
    @ProblemResponses.Unavailable
    List<Payments.Waiting> waiting() {
        return payments.waiting(LocalDate.ofInstant(clock.instant(), policy.zone()), 200);
    }
}
