package com.licenceshop.command.licence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.licenceshop.command.problem.ProblemResponses;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.command.request.RequestBodies;
import com.licenceshop.servicedefaults.ProblemException;
import com.licenceshop.servicedefaults.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Public licence endpoints: the verification keys, verifying a key, and the revocation list. */
@Controller("/api/licences")
@ExecuteOn(TaskExecutors.BLOCKING)
class LicenceController {

    static final int MAX_REVOCATIONS = 1000;
    // the horizon moves about once a second; a page below it never changes
    private static final String CACHE = "public, max-age=" + RevocationHorizon.MAX_AGE.toSeconds();

    private final SigningKeys keys;
    private final LicenceVerifier verifier;
    private final Revocations revocations;
    private final RevocationHorizon horizon;
    private final JsonMapper json;

    LicenceController(
            SigningKeys keys,
            LicenceVerifier verifier,
            Revocations revocations,
            RevocationHorizon horizon,
            JsonMapper json) {
        this.keys = keys;
        this.verifier = verifier;
        this.revocations = revocations;
        this.horizon = horizon;
        this.json = json;
    }

    @Serdeable
    record PublicKeyView(String keyId, String algorithm, String publicKey, boolean signing) {}

    /** The signing key's public half at the top level; {@code keys} also has every older key still verifying. */
    @Serdeable
    record PublicKeys(String keyId, String algorithm, String publicKey, List<PublicKeyView> keys) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Verification(
            boolean valid,
            boolean genuine,
            boolean revoked,
            @Nullable String keyId,

            @Schema(type = "object", nullable = true, implementation = LicenceClaims.class) @Nullable
            LicenceClaims claims,

            @Nullable String reason) {}

    /** The body of POST /api/licences/verify as documented in OpenAPI (read as raw JSON, see keyOf). */
    @Schema(name = "VerifyRequest")
    record VerifyRequest(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    minLength = 1,
                    maxLength = LicenceKeyText.MAX_LENGTH,
                    description = "the licence key: <keyId>.<base64url claims>.<base64url signature>",
                    example = "k1.eyJza3UiOiJTVEFSVEVSIn0.c2lnbmF0dXJl")
            String key,

            @Schema(
                    description = "the licence your program needs: valid only for a key of this sku",
                    nullable = true,
                    example = "ENTERPRISE")
            @Nullable
            String expectedSku,

            @Schema(
                    description = "the seats your program needs at least: valid only for a key with as many",
                    nullable = true,
                    minimum = "1",
                    example = "5")
            @Nullable
            Long minimumSeats) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RevocationList(List<Revocations.Revocation> revocations, long horizon, long next) {}

    @Get("/public-key")
    @Operation(
            summary =
                    "The Ed25519 public keys licence keys verify with (X.509 SubjectPublicKeyInfo, base64), by key id")
    PublicKeys publicKey() {
        List<PublicKeyView> all = keys.verifyKeys().entrySet().stream()
                .map(e -> new PublicKeyView(
                        e.getKey(),
                        "Ed25519",
                        SigningKeys.base64(e.getValue()),
                        e.getKey().equals(keys.keyId())))
                .toList();
        PublicKeyView signing = all.get(0);
        return new PublicKeys(signing.keyId(), signing.algorithm(), signing.publicKey(), all);
    }

    @Post(value = "/verify", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Whether a licence key is genuine (signed by one of the shop's keys), not revoked and, when asked, "
                            + "for the expected licence and at least the expected seats, with its claims",
            description = "Send expectedSku (and minimumSeats) to have valid mean \"this key licenses what my program "
                    + "needs\": a genuine key for another licence is not valid.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VerifyRequest.class)))
    @ApiResponse(
            responseCode = "200",
            description = "The verdict: valid = genuine, not revoked, and the expected sku and seats where given",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Verification.class)))
    @ProblemResponses.InvalidLicenceKey
    @ProblemResponses.TooLarge
    @ProblemResponses.NotJson
    @ProblemResponses.Unavailable
    Verification verify(@Nullable @Body byte[] body) {
        Map<?, ?> request = requestOf(body);
        String key = (String) request.get("key");
        String expectedSku = optional(request, "expectedSku", String.class);
        Number minimumSeats = optional(request, "minimumSeats", Number.class);
        LicenceVerifier.Verdict verdict = verifier.verify(key);
        if (verdict instanceof LicenceVerifier.Malformed malformed) {
            throw invalid(malformed.reason());
        }
        if (verdict instanceof LicenceVerifier.Forged forged) {
            return new Verification(false, false, false, null, null, forged.reason());
        }
        var genuine = (LicenceVerifier.Genuine) verdict;
        LicenceClaims claims = genuine.claims();
        boolean revoked = revocations.isRevoked(key);
        String mismatch = expectedSku != null && !expectedSku.equals(claims.sku())
                ? "the key is for " + claims.sku() + ", not " + expectedSku
                : minimumSeats != null && claims.seats() < minimumSeats.longValue()
                        ? "the key has " + claims.seats() + " seats, fewer than " + minimumSeats
                        : null;
        return new Verification(
                !revoked && mismatch == null,
                true,
                revoked,
                genuine.keyId(),
                claims,
                revoked ? "the order was cancelled; its licence keys are revoked" : mismatch);
    }

    @Get("/revoked")
    @Operation(
            summary =
                    "Revoked licence keys by fingerprint (hex SHA-256 of the key text), in sequence order: page with after = the last next",
            description =
                    "Only revocations up to the horizon are listed: none with a smaller sequence can appear later. "
                            + "The list names fingerprints only, never an order or a key. The horizon is shared by all callers and "
                            + "at most about a second old; a page is the same for the same after and horizon (ETag).")
    @ApiResponse(
            responseCode = "200",
            description = "A page of revocations",
            headers = {
                @Header(
                        required = true,
                        name = "ETag",
                        description = "The page's version: send it as If-None-Match",
                        schema = @Schema(type = "string")),
                @Header(
                        required = true,
                        name = "Cache-Control",
                        description = "public, max-age=1",
                        schema = @Schema(type = "string"))
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RevocationList.class)))
    @ApiResponse(responseCode = "304", description = "The page is unchanged since the ETag sent in If-None-Match")
    @ProblemResponses.BadRequest
    @ProblemResponses.Unavailable
    HttpResponse<RevocationList> revoked(
            @Parameter(
                            description = "the next of the previous page; empty or left out: from the start",
                            allowEmptyValue = true,
                            schema = @Schema(type = "integer", format = "int64", minimum = "0", defaultValue = "0"))
                    @QueryValue(defaultValue = "0")
                    String after,
            @Nullable @io.micronaut.http.annotation.Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws SQLException {
        long from = parseAfter(after);
        long upTo = horizon.horizon();
        String etag = "\"" + from + "-" + upTo + "\"";
        if (etag.equals(ifNoneMatch)) {
            return HttpResponse.<RevocationList>notModified()
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE);
        }
        List<Revocations.Revocation> page = revocations.between(from, upTo, MAX_REVOCATIONS);
        long next = page.size() == MAX_REVOCATIONS ? page.get(page.size() - 1).sequence() : Math.max(from, upTo);
        return HttpResponse.ok(new RevocationList(page, upTo, next))
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE);
    }

    private Map<?, ?> requestOf(@Nullable byte[] body) {
        if (body == null || body.length == 0) {
            throw invalid("the request body is empty; send {\"key\": \"...\"}");
        }
        Object parsed;
        try {
            parsed = RequestBodies.read(json, body);
        } catch (IOException | RuntimeException e) {
            throw invalid("the request body is not JSON; send {\"key\": \"...\"}");
        }
        if (!(parsed instanceof Map<?, ?> object) || !(object.get("key") instanceof String)) {
            throw invalid("send {\"key\": \"...\"} with the key as a string");
        }
        return object;
    }

    /** An optional field of the verify request: absent or null, or of {@code type}; else 422. */
    @Nullable
    private static <T> T optional(Map<?, ?> request, String field, Class<T> type) {
        Object value = request.get(field);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw new ProblemException(Problems.of(
                ProblemType.INVALID_LICENCE_KEY,
                field + " must be a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + ".",
                List.of(new Violation(
                        field, "type", "must be a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)))));
    }

    private static long parseAfter(String after) {
        if (after.isBlank()) {
            return 0; // ?after= as the feed reads it: the start
        }
        try {
            long value = Long.parseLong(after.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(Problems.of(
                ProblemType.INVALID_REQUEST,
                "after must be a sequence number",
                List.of(new Violation("after", "range", "must be a whole number ≥ 0"))));
    }

    private static ProblemException invalid(String reason) {
        return new ProblemException(Problems.of(
                ProblemType.INVALID_LICENCE_KEY,
                "This is not a licence key: " + reason + ".",
                List.of(new Violation("key", "format", "must be <keyId>.<base64url claims>.<base64url signature>"))));
    }
}
