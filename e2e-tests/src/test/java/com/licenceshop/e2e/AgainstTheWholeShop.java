package com.licenceshop.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A test class against one {@link ShopStack} of its own, started before its first test, stopped after its last. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgainstTheWholeShop {

    ShopStack shop;

    @BeforeAll
    void startTheShop() {
        shop = ShopStack.start();
    }

    @AfterAll
    void stopTheShop() {
        if (shop != null) {
            shop.close();
        }
    }
}
