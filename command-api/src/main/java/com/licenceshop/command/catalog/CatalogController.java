package com.licenceshop.command.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.licenceshop.command.problem.ProblemResponses;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.command.request.RequestBodies;
import com.licenceshop.command.system.CorrelationIds;
import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.servicedefaults.ProblemException;
import com.licenceshop.servicedefaults.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The catalog: public reads (the shop's list, the staff's list, one licence with its ETag) and the staff's
 * commands (add, change with If-Match, retire), each stored with its event in one transaction
 * ({@link CatalogCommands}). Every refusal stores nothing.
 */
@Controller("/api/products")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Catalog", description = "The licences the shop sells. Reads are public; changes are for sales staff.")
@ProblemResponses.Unavailable
class CatalogController {

    private static final Pattern SKU = Pattern.compile(ProductValidation.SKU_PATTERN);
    private static final String BODY_SHAPE = "{sku, name, description, unitPriceCents, currency}";

    private final Products products;
    private final CatalogCommands commands;
    private final RequestBodies bodies;
    private final Problems problems;

    CatalogController(Products products, CatalogCommands commands, RequestBodies bodies, Problems problems) {
        this.products = products;
        this.commands = commands;
        this.bodies = bodies;
        this.problems = problems;
    }

    @Get
    @Operation(summary = "The licences on sale (or, with status=all, every licence), by price, then sku")
    @ApiResponse(
            responseCode = "200",
            description = "The licences",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            array = @ArraySchema(schema = @Schema(implementation = Product.class))))
    @ProblemResponses.BadRequest
    List<Product> list(
            @Parameter(
                            description = "all: retired licences too (the staff's list); leave it out for the shop's",
                            schema = @Schema(type = "string", allowableValues = "all"))
                    @Nullable
                    @QueryValue
                    String status) {
        if (status == null) {
            return products.onSale();
        }
        if ("all".equals(status)) {
            return products.all();
        }
        throw new ProblemException(Problems.of(
                ProblemType.INVALID_REQUEST,
                "status must be all or left out.",
                List.of(new Violation("status", "one-of", "must be all or left out"))));
    }

    @Get("/{sku}")
    @Operation(summary = "One licence, retired ones too, with its ETag (send it back as If-Match to change it)")
    @ApiResponse(
            responseCode = "200",
            description = "The licence",
            headers =
                    @io.swagger.v3.oas.annotations.headers.Header(
                            required = true,
                            name = HttpHeaders.ETAG,
                            description = "its version, e.g. \"3\"",
                            schema = @Schema(type = "string")),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Product.class),
                            examples = @ExampleObject(value = ProductRequestSchemas.PRODUCT)))
    @ProblemResponses.NotFound
    HttpResponse<Product> get(@SkuParameter @PathVariable String sku) {
        Product product = products.find(knownShape(sku)).orElseThrow(() -> notFound(sku));
        return HttpResponse.ok(product).header(HttpHeaders.ETAG, product.etag());
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a licence (sales staff)",
            description = "Stores the licence, on sale at version 1, with its ProductAdded event.",
            requestBody =
                    @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            schema = @Schema(implementation = ProductRequestSchemas.NewProduct.class),
                                            examples = @ExampleObject(value = """
                            {"sku":"ACME_PRO","name":"Acme Pro","description":"Up to 20 users","unitPriceCents":129900,"currency":"EUR"}"""))))
    @ApiResponse(
            responseCode = "201",
            description = "Added; Location names it, ETag is \"1\"",
            headers = {
                @io.swagger.v3.oas.annotations.headers.Header(
                        required = true,
                        name = HttpHeaders.LOCATION,
                        description = "/api/products/{sku}",
                        schema = @Schema(type = "string")),
                @io.swagger.v3.oas.annotations.headers.Header(
                        required = true,
                        name = HttpHeaders.ETAG,
                        description = "\"1\"",
                        schema = @Schema(type = "string"))
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Product.class),
                            examples = @ExampleObject(value = ProductRequestSchemas.PRODUCT)))
    @ProblemResponses.StaffOnly
    @ProblemResponses.JsonBody
    @ProblemResponses.Conflict
    @ProblemResponses.InvalidProduct
    HttpResponse<Product> add(HttpRequest<?> request, @Nullable @Body byte[] body, Authentication staff) {
        var validated = ProductValidation.validateNew(bodies.parse(request, body, BODY_SHAPE));
        ProductValidation.Valid valid = valid(validated);
        var outcome = commands.add(valid.sku(), valid.fields(), staff.getName(), CorrelationIds.of(request));
        if (outcome instanceof CatalogCommands.Done done) {
            return HttpResponse.created(
                            done.product(),
                            URI.create("/api/products/" + done.product().sku()))
                    .header(HttpHeaders.ETAG, done.product().etag());
        }
        throw new ProblemException(Problems.of(
                ProblemType.DUPLICATE_SKU,
                "There is a product " + valid.sku() + " already (retired ones count); nothing was stored.",
                List.of(new Violation("sku", "unique", "is taken"))));
    }

    @Put(uri = "/{sku}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a licence (sales staff), only at the version you read",
            description =
                    "Requires If-Match with the ETag of GET /api/products/{sku}. Stores the new values at version+1 "
                            + "with a ProductChanged event. Orders placed before keep their prices.",
            requestBody =
                    @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            schema =
                                                    @Schema(
                                                            implementation =
                                                                    ProductRequestSchemas.ChangedProduct.class),
                                            examples = @ExampleObject(value = """
                            {"name":"Acme Pro","description":"Up to 25 users","unitPriceCents":139900,"currency":"EUR"}"""))))
    @ApiResponse(
            responseCode = "200",
            description = "Changed; the new ETag",
            headers =
                    @io.swagger.v3.oas.annotations.headers.Header(
                            required = true,
                            name = HttpHeaders.ETAG,
                            description = "\"<version+1>\"",
                            schema = @Schema(type = "string")),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Product.class),
                            examples = @ExampleObject(value = ProductRequestSchemas.CHANGED)))
    @ProblemResponses.StaffOnly
    @ProblemResponses.JsonBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.PreconditionFailed
    @ProblemResponses.InvalidProduct
    @ProblemResponses.PreconditionRequired
    HttpResponse<?> change(
            HttpRequest<?> request,
            Authentication staff,
            @SkuParameter @PathVariable String sku,
            @Nullable @Body byte[] body,
            // @Nullable, so that its absence is this API's 428 problem rather than the framework's
            // 400; required in the document (micronaut-openapi reads JsonProperty's required)
            @Parameter(
                            in = ParameterIn.HEADER,
                            example = "\"3\"",
                            description = "the ETag you read (without it: 428)",
                            schema = @Schema(type = "string"))
                    @JsonProperty(required = true)
                    @Nullable
                    @Header(HttpHeaders.IF_MATCH)
                    String ifMatch) {
        knownShape(sku);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(Problems.of(
                    ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag you read (e.g. \"3\"), so that no one else's change is overwritten; "
                            + "nothing was stored.",
                    List.of(new Violation(HttpHeaders.IF_MATCH, "required", "is required"))));
        }
        ProductValidation.Valid valid =
                valid(ProductValidation.validateChange(bodies.parse(request, body, BODY_SHAPE), sku));
        var outcome = commands.change(sku, ifMatch, valid.fields(), staff.getName(), CorrelationIds.of(request));
        if (outcome instanceof CatalogCommands.Done done) {
            return HttpResponse.ok(done.product())
                    .header(HttpHeaders.ETAG, done.product().etag());
        }
        if (outcome instanceof CatalogCommands.Stale stale) {
            Problem problem = Problems.of(
                    ProblemType.STALE_PRODUCT,
                    sku + " is at version " + stale.current().version()
                            + " now (ETag " + stale.current().etag() + "), not the one you edited; nothing was stored. "
                            + "Read it again and re-apply your change.");
            return problems.respond(request, problem)
                    .header(HttpHeaders.ETAG, stale.current().etag());
        }
        if (outcome instanceof CatalogCommands.IsRetired) {
            throw Problems.exception(
                    ProblemType.PRODUCT_RETIRED,
                    sku + " is retired; a retired licence is not edited. Nothing was stored.");
        }
        throw notFound(sku);
    }

    @Delete("/{sku}")
    @Operation(
            summary = "Retire a licence (sales staff)",
            description =
                    "It is no longer sold (an order for it is refused with 422) but stays in order history and in "
                            + "the sales figures. Stores a ProductRetired event; retiring again changes nothing and records nothing.")
    @ApiResponse(responseCode = "204", description = "Retired (now or before)")
    @ProblemResponses.StaffOnly
    @ProblemResponses.NotFound
    HttpResponse<Void> retire(HttpRequest<?> request, Authentication staff, @SkuParameter @PathVariable String sku) {
        var outcome = commands.retire(knownShape(sku), staff.getName(), CorrelationIds.of(request));
        if (outcome instanceof CatalogCommands.Missing) {
            throw notFound(sku);
        }
        return HttpResponse.noContent();
    }

    private static ProductValidation.Valid valid(ProductValidation.Result validated) {
        if (validated instanceof ProductValidation.Invalid invalid) {
            throw new ProblemException(Problems.of(
                    ProblemType.INVALID_PRODUCT,
                    "The product breaks " + invalid.violations().size() + " rule(s); nothing was stored.",
                    invalid.violations()));
        }
        return (ProductValidation.Valid) validated;
    }

    /** A path that cannot be a sku names no product (and is never logged). */
    private static String knownShape(String sku) {
        if (!SKU.matcher(sku).matches()) {
            throw notFound(null);
        }
        return sku;
    }

    private static ProblemException notFound(@Nullable String sku) {
        return Problems.exception(
                ProblemType.NOT_FOUND, sku == null ? "There is no such product." : "There is no product " + sku + ".");
    }
}
