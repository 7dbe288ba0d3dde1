package com.licenceshop.web.support;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;

/** Runs the application of a {@link WebUiIT} test class with the properties of its {@link TestShop}. */
public abstract class AgainstTheTestShop implements TestPropertyProvider {

    protected final TestShop shop = new TestShop();

    /** The shop's properties, in a map a test class may add its own to (override, call super, put). */
    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(shop.properties());
    }
}
