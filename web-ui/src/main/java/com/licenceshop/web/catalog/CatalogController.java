package com.licenceshop.web.catalog;

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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.views.ModelAndView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The price list for sales staff: every licence with its price and status, an add form, an edit form per
 * licence (sent with If-Match of the version it was rendered with) and a retire that asks first on a page of its
 * own (no script needed). Every change is a command of the command API; nothing is kept here, so each page shows
 * the catalog as the command API has it at that moment. Successes and failures that leave no form to correct are
 * flashed through the redirect ({@link CatalogNotice}); a form that was refused comes back with what was typed.
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
    static final String RETIRED = "This licence is retired, and a retired licence is not changed. Nothing was saved.";

    private final CatalogApi catalog;
    private final CommandApiProblems problems;

    CatalogController(CatalogApi catalog, CommandApiProblems problems) {
        this.catalog = catalog;
        this.problems = problems;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> list(@QueryValue @Nullable String notice, @QueryValue @Nullable String sku) {
        return listPage(HttpStatus.OK, ProductForm.blank(), Map.of(), CatalogNotice.of(notice, sku));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> add(@Body ProductForm form) {
        Map<String, String> formatErrors = form.formatErrors(false);
        if (!formatErrors.isEmpty()) {
            return listPage(HttpStatus.UNPROCESSABLE_ENTITY, form, formatErrors, null);
        }
        CatalogApi.NewProduct product = form.toNewProduct();
        try (var ignored = MDC.putCloseable("sku", String.valueOf(product.sku()))) {
            try {
                catalog.add(product);
                LOG.info("licence added from the catalog page");
                return HttpResponse.seeOther(CatalogNotice.ADDED.redirect(product.sku()));
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
                        : HttpResponse.seeOther(CatalogNotice.ALREADY_RETIRED.redirect(sku)));
    }

    /** The edit form's post (HTML forms cannot PUT). */
    @Post(value = "/{sku}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> change(@PathVariable String sku, @Body ProductForm form) {
        Map<String, String> formatErrors = form.formatErrors(true);
        if (!formatErrors.isEmpty()) {
            return editPage(HttpStatus.UNPROCESSABLE_ENTITY, sku, form, formatErrors, null);
        }
        try (var ignored = MDC.putCloseable("sku", sku)) {
            try {
                HttpResponse<CatalogApi.Product> changed =
                        catalog.change(sku, CatalogApi.etag(form.parsedVersion()), form.toChange());
                if (changed == null || changed.code() == HttpStatus.NOT_FOUND.getCode()) {
                    return HttpResponse.seeOther(CatalogNotice.UNKNOWN.redirect(sku));
                }
                LOG.info("licence changed from the catalog page");
                return HttpResponse.seeOther(CatalogNotice.CHANGED.redirect(sku));
            } catch (HttpClientResponseException rejected) {
                return switch (rejected.code()) {
                    case 412 -> stale(sku, form);
                    case 409 -> editPage(HttpStatus.CONFLICT, sku, form, Map.of(ProductForm.FORM, RETIRED), null);
                    case 404 -> HttpResponse.seeOther(CatalogNotice.UNKNOWN.redirect(sku));
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
                        : HttpResponse.seeOther(CatalogNotice.ALREADY_RETIRED.redirect(sku)));
    }

    @Post(value = "/{sku}/retire", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> retire(@PathVariable String sku) {
        try (var ignored = MDC.putCloseable("sku", sku)) {
            try {
                HttpResponse<Void> retired = catalog.retire(sku);
                if (retired == null || retired.code() == HttpStatus.NOT_FOUND.getCode()) {
                    return HttpResponse.seeOther(CatalogNotice.UNKNOWN.redirect(sku));
                }
                LOG.info("licence retired from the catalog page");
                return HttpResponse.seeOther(CatalogNotice.RETIRED.redirect(sku));
            } catch (HttpClientResponseException rejected) {
                LOG.warn("command API refused to retire the licence: {}", rejected.code());
                CatalogNotice notice = switch (rejected.code()) {
                    case 404 -> CatalogNotice.UNKNOWN;
                    case 401, 403 -> CatalogNotice.RETIRE_REFUSED;
                    default -> CatalogNotice.RETIRE_FAILED;
                };
                return HttpResponse.seeOther(notice.redirect(sku));
            } catch (HttpClientException unreachable) {
                LOG.warn("command API unreachable, licence not retired: {}", unreachable.getMessage());
                return HttpResponse.seeOther(CatalogNotice.RETIRE_FAILED.redirect(sku));
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
                        : editPage(HttpStatus.CONFLICT, sku, yours, Map.of(ProductForm.FORM, RETIRED), null));
    }

    /** Reads one licence and answers with the page it leads to; unknown or unreadable licences go back to the list. */
    private HttpResponse<?> withProduct(String sku, Function<CatalogApi.Product, HttpResponse<?>> page) {
        Optional<CatalogApi.Product> product;
        try {
            product = catalog.product(sku);
        } catch (HttpClientException unavailable) {
            LOG.warn("licence {} could not be read: {}", sku, unavailable.getMessage());
            return HttpResponse.seeOther(CatalogNotice.UNAVAILABLE.redirect(sku));
        }
        return product.map(page).orElseGet(() -> HttpResponse.seeOther(CatalogNotice.UNKNOWN.redirect(sku)));
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

    private HttpResponse<?> listPage(
            HttpStatus status, ProductForm form, Map<String, String> errors, @Nullable CatalogNotice.Shown notice) {
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
