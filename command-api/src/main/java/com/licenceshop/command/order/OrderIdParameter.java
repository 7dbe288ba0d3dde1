package com.licenceshop.command.order;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The {id} of an order path as OpenAPI documents it: what is no UUID names no order (404). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Parameter(
        description = "the orderId of the 202 that placed it",
        example = "0b8f3c52-3c1e-4a5e-9d7a-2f0c3b1d9e4f",
        schema = @Schema(type = "string", format = "uuid"))
@interface OrderIdParameter {}
