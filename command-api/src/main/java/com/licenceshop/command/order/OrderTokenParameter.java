package com.licenceshop.command.order;

import io.swagger.v3.oas.annotations.Parameter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The Order-Token header as OpenAPI documents it where the buyer reads or cancels an order. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Parameter(description = "The order's access token, from the answer to placing it or the confirmation mail's link")
@interface OrderTokenParameter {}
