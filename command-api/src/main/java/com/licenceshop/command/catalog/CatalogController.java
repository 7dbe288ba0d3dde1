package com.licenceshop.command.catalog;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;

import java.util.List;

@Controller("/api/products")
@ExecuteOn(TaskExecutors.BLOCKING)
class CatalogController {

    private final Products products;

    CatalogController(Products products) {
        this.products = products;
    }

    @Get
    @Operation(summary = "The licences on sale, with their current prices")
    List<Product> list() {
        return products.all();
    }
}
