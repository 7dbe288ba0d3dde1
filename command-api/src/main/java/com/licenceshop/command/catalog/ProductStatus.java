package com.licenceshop.command.catalog;

/** Whether a licence is sold. A retired one stays in the table: orders and sales figures keep naming it. */
public enum ProductStatus {
    ON_SALE,
    RETIRED
}
