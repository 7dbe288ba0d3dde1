package com.licenceshop.web.catalog;

import com.licenceshop.servicedefaults.LogContext;
import com.licenceshop.web.errors.CommandApiProblems;
import com.licenceshop.web.login.Roles;
import com.licenceshop.web.view.Flash;
import com.licenceshop.web.view.Money;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price list for sales staff. Every change is a command of the command API and nothing is kept here, so each page
 * shows the catalog as the command API has it at that moment (README, "Catalog").
 */
@Controller("/catalog")
@Secured(Roles.SALES)
@ExecuteOn(TaskExecutors.BLOCKING)
class CatalogController {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogController.class);
    static final String UNREACHABLE = "The command API does not answer, so nothing was saved. Try again in a moment.";
    static final String FAILED =
            "The command API failed to save the change, so nothing was saved. Try again in a moment.";
    static final String LOGIN_NOT_ACCEPTED =
            "The command API did not accept your login for catalog changes, so nothing "
                    + "was saved. Log out and in again; if that does not help, ask ops to check how the web UI passes logins on.";
    static final String ROLE_MISSING = "The command API refused the change: your login lacks the role SALES, which "
            + "catalog changes need. Nothing was saved.";
    static final String DUPLICATE_SKU =
            "A licence with this SKU exists already (retired ones keep theirs). Choose another SKU.";
    static final String RETIRED_NOT_CHANGED =
            "This licence is retired, and a retired licence is not changed. Nothing was saved.";

    static final Flash ADDED = Flash.news("added", "The licence %s is on sale now.");
    static final Flash CHANGED = Flash.news("changed", "The licence %s is changed; new orders pay its new price.");
    static final Flash RETIRED = Flash.news(
            "retired",
            "The licence %s is retired: the shop no longer offers it. Past orders and sales figures keep it.");
    static final Flash ALREADY_RETIRED = Flash.news("already-retired", "The licence %s is retired already.");
    static final Flash UNKNOWN = Flash.problem("unknown", "There is no licence %s.");
    static final Flash RETIRE_REFUSED = Flash.problem(
            "retire-refused", "The licence %s was not retired: the command API refused the change for your login.");
    static final Flash RETIRE_FAILED = Flash.problem(
            "retire-failed", "The licence %s was not retired: the command API did not answer. Try again in a moment.");
    static final Flash UNAVAILABLE = Flash.problem(
            "unavailable",
            "The catalog cannot be read right now: the command API does not answer. Try again in a moment.");

    /** Wider than the contract's sku rule on purpose: this only keeps text that is no sku off the page. */
    private static final Pattern SKU_LIKE = Pattern.compile("[A-Z0-9_]{1,32}");

    private final CatalogApi catalog;
    private final CommandApiProblems problems;

    CatalogController(CatalogApi catalog, CommandApiProblems problems) {
        this.catalog = catalog;
        this.problems = problems;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> list(@QueryValue @Nullable String notice, @QueryValue @Nullable String sku) {
        return listPage(
                HttpStatus.OK,
                ProductForm.blank(),
                Map.of(),
                notice(notice, sku).orElse(null));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> add(@Body ProductForm form) {
        Map<String, String> formatErrors = form.formatErrors(false);
        if (!formatErrors.isEmpty()) {
            return listPage(HttpStatus.UNPROCESSABLE_ENTITY, form, formatErrors, null);
        }
        CatalogApi.NewProduct product = form.toNewProduct();
        try (var ignored = LogContext.with("sku", String.valueOf(product.sku()))) {
            try {
                catalog.add(product);
                LOG.info("licence added from the catalog page");
                return back(ADDED, product.sku());
            } catch (HttpClientResponseException rejected) {
                Refusal refusal = rejected.code() == HttpStatus.CONFLICT.getCode()
                        ? new Refusal(HttpStatus.CONFLICT, Map.of(ProductForm.SKU, DUPLICATE_SKU))
                        : refusal(rejected);
                return listPage(refusal.status(), form, refusal.errors(), null);
            } catch (HttpClientException unreachable) {
                LOG.warn("command API unreachable, licence not added: {}", unreachable.getMessage());
                return listPage(HttpStatus.SERVICE_UNAVAILABLE, form, Map.of(ProductForm.FORM, UNREACHABLE), null);
            }
        }
    }

    @Get(value = "/{sku}/edit", produces = MediaType.TEXT_HTML)
    HttpResponse<?> editForm(@PathVariable String sku) {
        return withProduct(
                sku,
                product -> product.onSale()
                        ? editPage(HttpStatus.OK, sku, ProductForm.of(product), Map.of(), null)
                        : back(ALREADY_RETIRED, sku));
    }

    /** The edit form's post (HTML forms cannot PUT). */
    @Post(value = "/{sku}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> change(@PathVariable String sku, @Body ProductForm form) {
        Map<String, String> formatErrors = form.formatErrors(true);
        if (!formatErrors.isEmpty()) {
            return editPage(HttpStatus.UNPROCESSABLE_ENTITY, sku, form, formatErrors, null);
        }
        try (var ignored = LogContext.with("sku", sku)) {
            try {
                HttpResponse<CatalogApi.Product> changed =
                        catalog.change(sku, CatalogApi.etag(form.parsedVersion()), form.toChange());
                if (changed == null || changed.code() == HttpStatus.NOT_FOUND.getCode()) {
                    return back(UNKNOWN, sku);
                }
                LOG.info("licence changed from the catalog page");
                return back(CHANGED, sku);
            } catch (HttpClientResponseException rejected) {
                return switch (rejected.code()) {
                    case 412 -> stale(sku, form);
                    case 409 ->
                        editPage(HttpStatus.CONFLICT, sku, form, Map.of(ProductForm.FORM, RETIRED_NOT_CHANGED), null);
                    case 404 -> back(UNKNOWN, sku);
                    default -> {
                        Refusal refusal = refusal(rejected);
                        yield editPage(refusal.status(), sku, form, refusal.errors(), null);
                    }
                };
            } catch (HttpClientException unreachable) {
                LOG.warn("command API unreachable, licence not changed: {}", unreachable.getMessage());
                return editPage(HttpStatus.SERVICE_UNAVAILABLE, sku, form, Map.of(ProductForm.FORM, UNREACHABLE), null);
            }
        }
    }

    /** The confirmation step: a page of its own, so retiring asks first with or without a script. */
    @Get(value = "/{sku}/retire", produces = MediaType.TEXT_HTML)
    HttpResponse<?> confirmRetire(@PathVariable String sku) {
        return withProduct(
                sku,
                product -> product.onSale()
                        ? HttpResponse.ok(new ModelAndView<>("catalog/retire", Map.of("product", Row.of(product))))
                        : back(ALREADY_RETIRED, sku));
    }

    @Post(value = "/{sku}/retire", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> retire(@PathVariable String sku) {
        try (var ignored = LogContext.with("sku", sku)) {
            try {
                HttpResponse<Void> retired = catalog.retire(sku);
                if (retired == null || retired.code() == HttpStatus.NOT_FOUND.getCode()) {
                    return back(UNKNOWN, sku);
                }
                LOG.info("licence retired from the catalog page");
                return back(RETIRED, sku);
            } catch (HttpClientResponseException rejected) {
                LOG.warn("command API refused to retire the licence: {}", rejected.code());
                Flash notice = switch (rejected.code()) {
                    case 404 -> UNKNOWN;
                    case 401, 403 -> RETIRE_REFUSED;
                    default -> RETIRE_FAILED;
                };
                return back(notice, sku);
            } catch (HttpClientException unreachable) {
                LOG.warn("command API unreachable, licence not retired: {}", unreachable.getMessage());
                return back(RETIRE_FAILED, sku);
            }
        }
    }

    /**
     * Someone else's change came first (412): nothing of this edit was saved. The form is filled afresh with the
     * current values and version, and what this staff member had typed is shown beside it to do again.
     */
    private HttpResponse<?> stale(String sku, ProductForm yours) {
        LOG.info("stale edit refused (version {} is no longer current)", yours.version());
        return withProduct(
                sku,
                current -> current.onSale()
                        ? editPage(HttpStatus.CONFLICT, sku, ProductForm.of(current), Map.of(), yours)
                        : editPage(
                                HttpStatus.CONFLICT, sku, yours, Map.of(ProductForm.FORM, RETIRED_NOT_CHANGED), null));
    }

    /** Reads one licence and answers with the page it leads to; unknown or unreadable licences go back to the list. */
    private HttpResponse<?> withProduct(String sku, Function<CatalogApi.Product, HttpResponse<?>> page) {
        Optional<CatalogApi.Product> product;
        try {
            product = catalog.product(sku);
        } catch (HttpClientException unavailable) {
            LOG.warn("licence {} could not be read: {}", sku, unavailable.getMessage());
            return back(UNAVAILABLE, sku);
        }
        return product.map(page).orElseGet(() -> back(UNKNOWN, sku));
    }

    /** What a refusal other than the action's own cases (duplicate, stale, retired, unknown) shows, and with which status. */
    private Refusal refusal(HttpClientResponseException rejected) {
        int code = rejected.code();
        if (code == HttpStatus.UNPROCESSABLE_ENTITY.getCode() || code == HttpStatus.BAD_REQUEST.getCode()) {
            return new Refusal(HttpStatus.UNPROCESSABLE_ENTITY, ProductForm.errorsByField(problems.of(rejected)));
        }
        LOG.warn("command API refused a catalog change: {}", code);
        if (code == HttpStatus.UNAUTHORIZED.getCode()) {
            return new Refusal(HttpStatus.FORBIDDEN, Map.of(ProductForm.FORM, LOGIN_NOT_ACCEPTED));
        }
        if (code == HttpStatus.FORBIDDEN.getCode()) {
            return new Refusal(HttpStatus.FORBIDDEN, Map.of(ProductForm.FORM, ROLE_MISSING));
        }
        if (code >= 500) {
            return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, Map.of(ProductForm.FORM, FAILED));
        }
        return new Refusal(HttpStatus.BAD_REQUEST, ProductForm.errorsByField(problems.of(rejected)));
    }

    /** The notice a redirect asked for, with its sku only if that looks like one. */
    static Optional<Flash> notice(@Nullable String code, @Nullable String sku) {
        return Flash.shown(
                code,
                skuLike(sku),
                ADDED,
                CHANGED,
                RETIRED,
                ALREADY_RETIRED,
                UNKNOWN,
                RETIRE_REFUSED,
                RETIRE_FAILED,
                UNAVAILABLE);
    }

    /** Back to the list, with the notice of what happened to {@code sku}. */
    private static HttpResponse<?> back(Flash notice, String sku) {
        return HttpResponse.seeOther(redirect(notice, sku));
    }

    static URI redirect(Flash notice, String sku) {
        return notice.redirect("/catalog", "sku", skuLike(sku));
    }

    @Nullable
    private static String skuLike(@Nullable String sku) {
        return sku != null && SKU_LIKE.matcher(sku).matches() ? sku : null;
    }

    private HttpResponse<?> listPage(
            HttpStatus status, ProductForm form, Map<String, String> errors, @Nullable Flash notice) {
        Map<String, Object> model = new HashMap<>();
        try {
            model.put("products", catalog.all().stream().map(Row::of).toList());
        } catch (HttpClientException unavailable) {
            LOG.warn("catalog unavailable: {}", unavailable.getMessage());
            model.put("products", List.of());
            model.put("unavailable", true);
            status = status == HttpStatus.OK ? HttpStatus.SERVICE_UNAVAILABLE : status;
        }
        model.put("form", form);
        model.put("errors", errors);
        if (notice != null) {
            model.put("notice", notice);
        }
        return HttpResponse.status(status).body(new ModelAndView<>("catalog/list", model));
    }

    private static HttpResponse<?> editPage(
            HttpStatus status,
            String sku,
            ProductForm form,
            Map<String, String> errors,
            @Nullable ProductForm staleYours) {
        Map<String, Object> model = new HashMap<>();
        model.put("sku", sku);
        model.put("form", form);
        model.put("errors", errors);
        if (staleYours != null) {
            model.put("yours", staleYours);
        }
        return HttpResponse.status(status).body(new ModelAndView<>("catalog/edit", model));
    }

    private record Refusal(HttpStatus status, Map<String, String> errors) {}

    /** One licence as the list and the retire page show it. */
    record Row(
            String sku,
            String name,
            @Nullable String description,
            String price,
            String status,
            boolean onSale,
            long version) {
        static Row of(CatalogApi.Product product) {
            return new Row(
                    product.sku(),
                    product.name(),
                    product.description(),
                    Money.format(product.unitPriceCents(), product.currency()),
                    product.status(),
                    product.onSale(),
                    product.version());
        }
    }
}
