package com.licenceshop.command.problem;

import com.licenceshop.servicedefaults.Problem;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one way an operation declares its problem answers in the OpenAPI document: put the annotation of each
 * problem that can happen on the operation (or on the controller, for all its operations). Each is an
 * {@code application/problem+json} {@link Problem} response naming the {@link ProblemType}s behind it, with the
 * headers it carries. {@code ContractIT} checks the served document against what the API answers.
 */
public final class ProblemResponses {

    static final String PROBLEM = Problem.MEDIA_TYPE;

    private ProblemResponses() {}

    /** Operations that read a JSON body: 400 malformed, 413 too large, 415 not JSON. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @BadRequest
    @TooLarge
    @NotJson
    public @interface JsonBody {}

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "413",
            description = "payload-too-large: the body is over 64 KiB (after decompression)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface TooLarge {}

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "415",
            description = "unsupported-media-type: the body is not application/json " + "(compared ignoring case)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface NotJson {}

    /** Sales staff only: web-ui's staff token with the role SALES. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @SecurityRequirement(name = "staff")
    @ApiResponse(
            responseCode = "401",
            description = "unauthorized: no staff token, or one that is forged, expired or "
                    + "not web-ui's (challenge: Bearer)",
            headers =
                    @Header(
                            required = true,
                            name = "WWW-Authenticate",
                            description = "Bearer realm=\"command-api staff\"",
                            schema = @Schema(type = "string")),
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @Forbidden
    public @interface StaffOnly {}

    /** Ops only: the ops login (HTTP Basic) with the role OPS. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @SecurityRequirement(name = "ops")
    @ApiResponse(
            responseCode = "401",
            description = "unauthorized: no ops login, a wrong one, or ops disabled "
                    + "(OPS_PASSWORD unset) (challenge: Basic)",
            headers =
                    @Header(
                            required = true,
                            name = "WWW-Authenticate",
                            description = "Basic realm=\"command-api ops\", charset=\"UTF-8\"",
                            schema = @Schema(type = "string")),
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @Forbidden
    public @interface OpsOnly {}

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "400",
            description = "The request is malformed or breaks a rule; `type` says which "
                    + "(malformed-json: not JSON, JSON null, a key twice in one object or anything after the value; invalid-request; "
                    + "invalid-order) and `errors` names each field, parameter or header with its rule",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface BadRequest {}

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "403",
            description = "forbidden: the login lacks the role this operation needs",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface Forbidden {}

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "404",
            description = "not-found: nothing by that id (a path that cannot be one included)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface NotFound {}

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "409",
            description = "The state does not allow it; `type` says why (duplicate-sku: the "
                    + "sku exists, retired ones count; product-retired: a retired licence is not edited; conflict: the consumer's "
                    + "queue does not exist); nothing was stored",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface Conflict {}

    /** The payment's state does not allow it (ADR 13). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "409",
            description =
                    "The payment's state does not allow it; `type` says why "
                            + "(order-not-payable: paid, expired, refunded or on invoice; order-not-paid: nothing to refund; already-refunded; "
                            + "order-paid: a paid order is refunded, not cancelled; transfer-already-recorded: that bank reference is recorded for the invoice); nothing was stored",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface PaymentConflict {}

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "412",
            description = "stale-product: If-Match names another version than the current "
                    + "one, whose ETag comes with the answer; nothing was stored",
            headers =
                    @Header(
                            required = true,
                            name = "ETag",
                            description = "the current version, e.g. \"3\"",
                            schema = @Schema(type = "string")),
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface PreconditionFailed {}

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "422",
            description =
                    "invalid-product: `errors` names each field and its rule "
                            + "(required, pattern, length, characters, positive, supported-currency, immutable); nothing was stored",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface InvalidProduct {}

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "422",
            description = "idempotency-key-reused (the key came with another order) or "
                    + "licence-not-on-sale (a licence of the order is retired); nothing was stored",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface OrderRefused {}

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "422",
            description =
                    "invalid-licence-key: no licence key at all (no JSON {key}, empty, "
                            + "over 1,024 characters, not three parts, not canonical base64url); a forged key is a 200 with genuine false",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface InvalidLicenceKey {}

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "428",
            description = "precondition-required: send If-Match with the ETag you read",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface PreconditionRequired {}

    /** Anonymous ordering, limited per client address and per recipient (OrderRateLimits). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "429",
            description = "too-many-orders: too many orders from this client address or to "
                    + "this e-mail address; nothing was stored",
            headers =
                    @Header(
                            required = true,
                            name = "Retry-After",
                            description = "seconds until one more order is taken",
                            schema = @Schema(type = "integer")),
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface TooManyOrders {}

    /**
     * The database unreachable (every operation that reads or writes it), for orders the writers' queue full, for a
     * replay the broker failing midway.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ApiResponse(
            responseCode = "503",
            description = "unavailable: retry after Retry-After seconds (the database "
                    + "unreachable, the order queue full, or a replay's broker gone midway); nothing was stored",
            headers =
                    @Header(
                            required = true,
                            name = "Retry-After",
                            description = "seconds to wait",
                            schema = @Schema(type = "integer")),
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public @interface Unavailable {}
}
