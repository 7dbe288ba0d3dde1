package com.licenceshop.web.support;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestInstance;

/**
 * An integration test of the web UI against a {@link TestShop}: one application per test class (so the shop's
 * port and database, fixed when the class is made, are the ones the application runs with), no test
 * transaction around the tests. Used together with {@link AgainstTheTestShop}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public @interface WebUiIT {}
