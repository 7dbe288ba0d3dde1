package com.licenceshop.web.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Optional;

/**
 * The command API's catalog (docs/contracts.md, issue 13). Writes carry the staff member's login as a Bearer
 * token, added by a client filter for {@code /api/products} writes, not here. A 404 comes back as an empty
 * Optional or as the response itself (Micronaut's declarative client does not throw on 404); every other
 * refusal is thrown as HttpClientResponseException with the problem+json body.
 */
@Client(id = "command-api")
interface CatalogApi {

    /** {@code status=all}: every licence, retired ones too, sorted by price then sku. */
    @Get("/api/products{?status}")
    List<Product> products(@QueryValue String status);

    default List<Product> all() {
        return products("all");
    }

    @Get("/api/products/{sku}")
    Optional<Product> product(@PathVariable String sku);

    @Post("/api/products")
    HttpResponse<Product> add(@Body NewProduct product);

    @Put("/api/products/{sku}")
    HttpResponse<Product> change(
            @PathVariable String sku, @Header("If-Match") String ifMatch, @Body ProductChange change);

    @Delete("/api/products/{sku}")
    HttpResponse<Void> retire(@PathVariable String sku);

    /** The strong ETag of a product version, as If-Match wants it. */
    static String etag(long version) {
        return "\"" + version + "\"";
    }

    @Serdeable
    record Product(
            String sku,
            String name,
            @Nullable String description,
            long unitPriceCents,
            String currency,
            String status,
            long version,
            boolean keysBeforePayment) {

        static final String ON_SALE = "ON_SALE";

        boolean onSale() {
            return ON_SALE.equals(status);
        }
    }

    /** Fields as the staff member typed them, blanks as null: the command API names what is missing. */
    @Serdeable
    record NewProduct(
            @Nullable String sku,
            @Nullable String name,
            @Nullable String description,
            @Nullable Long unitPriceCents,
            @Nullable String currency,
            boolean keysBeforePayment) {}

    @Serdeable
    record ProductChange(
            @Nullable String name,
            @Nullable String description,
            @Nullable Long unitPriceCents,
            @Nullable String currency,
            boolean keysBeforePayment) {}
}
