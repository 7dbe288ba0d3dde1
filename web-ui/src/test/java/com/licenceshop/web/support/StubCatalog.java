package com.licenceshop.web.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command API's catalog as the issue 13 contract describes it (docs/contracts.md), held in memory: list
 * (on sale, or {@code ?status=all}), get one with its ETag, add (201, 409 duplicate, 422 naming field and rule),
 * change with If-Match (412 stale, 428 without, 409 retired), retire (204, idempotent), 404 for unknown skus. Every
 * refusal stores nothing. Part of {@link StubCommandApi} (which prices orders from it).
 *
 * <p>Credentials: the web UI's forwarding of the staff login is tested where it is built; here a test decides how
 * writes are answered ({@link #refuseWritesWith} 401 or 403, as the real API answers a missing credential or a
 * login without SALES) and can read the {@code Authorization} each write came with.
 */
@Requires(property = "spec.name", value = TestShop.SPEC_NAME)
@Controller("/stub/command-api/api/products")
@Secured(SecurityRule.IS_ANONYMOUS)
public class StubCatalog {

    public static final String ON_SALE = "ON_SALE";
    public static final String RETIRED = "RETIRED";
    private static final Pattern SKU = Pattern.compile("^[A-Z][A-Z0-9_]{1,31}$");
    private static final List<String> CURRENCIES = List.of("EUR");
    private static final String PROBLEM_TYPES = "urn:licence-shop:problem:";

    public record Product(
            String sku,
            String name,
            @Nullable String description,
            long unitPriceCents,
            String currency,
            String status,
            long version,
            boolean keysBeforePayment) {

        public boolean onSale() {
            return ON_SALE.equals(status);
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("sku", sku);
            json.put("name", name);
            json.put("description", description);
            json.put("unitPriceCents", unitPriceCents);
            json.put("currency", currency);
            json.put("status", status);
            json.put("version", version);
            json.put("keysBeforePayment", keysBeforePayment);
            return json;
        }

        String etag() {
            return "\"" + version + "\"";
        }
    }

    private final Map<String, Product> products = new LinkedHashMap<>();
    /** 401 or 403 for every write (no credential, a login without SALES); null: writes are accepted. */
    public volatile Integer refuseWritesWith;
    /** The Authorization header of every write received ("none" without one). */
    public final List<String> writeAuthorizations = Collections.synchronizedList(new ArrayList<>());

    public StubCatalog() {
        reset();
    }

    /** The three licences the shop starts with, all on sale at version 1; writes accepted again. */
    public synchronized void reset() {
        products.clear();
        put(new Product("STARTER", "Starter", "One seat, community support", 50_000, "EUR", ON_SALE, 1, false));
        put(new Product("PROFESSIONAL", "Professional", "Five seats, mail support", 150_000, "EUR", ON_SALE, 1, false));
        put(new Product(
                "ENTERPRISE", "Enterprise", "Unlimited seats, phone support", 500_000, "EUR", ON_SALE, 1, false));
        refuseWritesWith = null;
        writeAuthorizations.clear();
    }

    public synchronized Optional<Product> find(String sku) {
        return Optional.ofNullable(products.get(sku));
    }

    public synchronized List<Product> all() {
        return products.values().stream()
                .sorted(Comparator.comparingLong(Product::unitPriceCents).thenComparing(Product::sku))
                .toList();
    }

    /** Another staff member's change, made meanwhile through the command API (version + 1). */
    public synchronized Product changedElsewhere(String sku, String name, long unitPriceCents) {
        Product current = products.get(sku);
        return put(new Product(
                sku,
                name,
                current.description(),
                unitPriceCents,
                current.currency(),
                current.status(),
                current.version() + 1,
                current.keysBeforePayment()));
    }

    /** Retired meanwhile through the command API (version + 1). */
    public synchronized void retiredElsewhere(String sku) {
        Product current = products.get(sku);
        put(new Product(
                sku,
                current.name(),
                current.description(),
                current.unitPriceCents(),
                current.currency(),
                RETIRED,
                current.version() + 1,
                current.keysBeforePayment()));
    }

    @Get("{?status}")
    List<Map<String, Object>> list(@Nullable @QueryValue String status) {
        return all().stream()
                .filter(p -> "all".equals(status) || p.onSale())
                .map(Product::json)
                .toList();
    }

    @Get("/{sku}")
    HttpResponse<?> one(@PathVariable String sku) {
        return find(sku)
                .<HttpResponse<?>>map(p -> HttpResponse.ok(p.json()).header("ETag", p.etag()))
                .orElseGet(() -> unknown(sku));
    }

    @Post
    synchronized HttpResponse<?> add(
            @Body Map<String, Object> body, @Nullable @Header("Authorization") String authorization) {
        Optional<HttpResponse<?>> refused = refused(authorization);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        Object sku = body.get("sku");
        if (!(sku instanceof String text) || text.isBlank()) {
            errors.add(violation("sku", "required", "is required"));
        } else if (!SKU.matcher(text).matches()) {
            errors.add(violation(
                    "sku",
                    "pattern",
                    "must be capital letters, digits or _, starting with a letter, 2 to 32 characters"));
        }
        errors.addAll(fieldErrors(body));
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        if (products.containsKey((String) sku)) {
            return problem(
                    HttpStatus.CONFLICT,
                    "duplicate-sku",
                    "Duplicate SKU",
                    "a licence with SKU " + sku + " exists already",
                    List.of());
        }
        Product added = put(new Product(
                (String) sku,
                ((String) body.get("name")).trim(),
                description(body),
                ((Number) body.get("unitPriceCents")).longValue(),
                (String) body.get("currency"),
                ON_SALE,
                1,
                Boolean.TRUE.equals(body.get("keysBeforePayment"))));
        return HttpResponse.created(added.json(), URI.create("/api/products/" + added.sku()))
                .header("ETag", added.etag());
    }

    @Put("/{sku}")
    synchronized HttpResponse<?> change(
            @PathVariable String sku,
            @Body Map<String, Object> body,
            @Nullable @Header("If-Match") String ifMatch,
            @Nullable @Header("Authorization") String authorization) {
        Optional<HttpResponse<?>> refused = refused(authorization).or(() -> unknownSku(sku));
        if (refused.isPresent()) {
            return refused.get();
        }
        Product current = products.get(sku);
        if (ifMatch == null) {
            return problem(
                    HttpStatus.PRECONDITION_REQUIRED,
                    "if-match-required",
                    "If-Match required",
                    "send If-Match with the ETag you read",
                    List.of());
        }
        List<Map<String, Object>> errors = fieldErrors(body);
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        if (!current.onSale()) {
            return problem(
                    HttpStatus.CONFLICT,
                    "product-retired",
                    "Licence retired",
                    "a retired licence is not changed",
                    List.of());
        }
        if (!current.etag().equals(ifMatch.trim())) {
            return problem(
                            HttpStatus.PRECONDITION_FAILED,
                            "stale-product",
                            "Stale licence",
                            "the licence changed since you read it",
                            List.of())
                    .header("ETag", current.etag());
        }
        Product changed = put(new Product(
                sku,
                ((String) body.get("name")).trim(),
                description(body),
                ((Number) body.get("unitPriceCents")).longValue(),
                (String) body.get("currency"),
                ON_SALE,
                current.version() + 1,
                Boolean.TRUE.equals(body.get("keysBeforePayment"))));
        return HttpResponse.ok(changed.json()).header("ETag", changed.etag());
    }

    @Delete("/{sku}")
    synchronized HttpResponse<?> retire(
            @PathVariable String sku, @Nullable @Header("Authorization") String authorization) {
        Optional<HttpResponse<?>> refused = refused(authorization).or(() -> unknownSku(sku));
        if (refused.isPresent()) {
            return refused.get();
        }
        Product current = products.get(sku);
        if (current.onSale()) {
            retiredElsewhere(sku);
        }
        return HttpResponse.noContent();
    }

    private Optional<HttpResponse<?>> refused(@Nullable String authorization) {
        writeAuthorizations.add(authorization == null ? "none" : authorization);
        Integer status = refuseWritesWith;
        if (status == null) {
            return Optional.empty();
        }
        return Optional.of(
                status == 401
                        ? problem(
                                HttpStatus.UNAUTHORIZED,
                                "unauthorized",
                                "Unauthorized",
                                "a staff login is required",
                                List.of())
                        : problem(
                                HttpStatus.FORBIDDEN,
                                "forbidden",
                                "Forbidden",
                                "catalog changes need the role SALES",
                                List.of()));
    }

    /** The rules of the fields an add and a change share. */
    private static List<Map<String, Object>> fieldErrors(Map<String, Object> body) {
        List<Map<String, Object>> errors = new ArrayList<>();
        Object name = body.get("name");
        if (!(name instanceof String text) || text.isBlank()) {
            errors.add(violation("name", "required", "is required"));
        } else if (text.trim().length() > 80) {
            errors.add(violation("name", "length", "must be at most 80 characters"));
        }
        if (body.get("description") instanceof String text && text.length() > 500) {
            errors.add(violation("description", "length", "must be at most 500 characters"));
        }
        Object price = body.get("unitPriceCents");
        if (price == null) {
            errors.add(violation("unitPriceCents", "required", "is required"));
        } else if (!(price instanceof Number n) || n.longValue() < 1 || n.longValue() > 100_000_000) {
            errors.add(violation(
                    "unitPriceCents", "positive", "must be a positive whole number of cents, at most 100000000"));
        }
        Object currency = body.get("currency");
        if (currency == null) {
            errors.add(violation("currency", "required", "is required"));
        } else if (!CURRENCIES.contains(currency)) {
            errors.add(violation("currency", "supported-currency", "must be one of " + CURRENCIES));
        }
        return errors;
    }

    private Product put(Product product) {
        products.put(product.sku(), product);
        return product;
    }

    @Nullable
    private static String description(Map<String, Object> body) {
        return body.get("description") instanceof String text && !text.isBlank() ? text : null;
    }

    private static Map<String, Object> violation(String field, String rule, String message) {
        return Map.of("field", field, "rule", rule, "message", message);
    }

    private Optional<HttpResponse<?>> unknownSku(String sku) {
        return products.containsKey(sku) ? Optional.empty() : Optional.of(unknown(sku));
    }

    private static HttpResponse<?> unknown(String sku) {
        return problem(HttpStatus.NOT_FOUND, "unknown-product", "Unknown licence", "no licence " + sku, List.of());
    }

    private static HttpResponse<?> invalid(List<Map<String, Object>> errors) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-product", "Invalid licence", null, errors);
    }

    private static io.micronaut.http.MutableHttpResponse<?> problem(
            HttpStatus status, String type, String title, @Nullable String detail, List<Map<String, Object>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", PROBLEM_TYPES + type);
        body.put("title", title);
        body.put("status", status.getCode());
        if (detail != null) {
            body.put("detail", detail);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return HttpResponse.status(status)
                .contentType("application/problem+json")
                .body(body);
    }
}
