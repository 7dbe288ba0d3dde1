package com.licenceshop.command.catalog;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The {sku} of a catalog path as OpenAPI documents it: a path that cannot be a sku is a 404. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Parameter(
        description = "the licence's sku",
        example = "ACME_PRO",
        schema = @Schema(type = "string", pattern = ProductValidation.SKU_PATTERN))
@interface SkuParameter {}
