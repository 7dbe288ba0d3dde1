package com.licenceshop.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.licenceshop.command.catalog.Catalog;
import com.licenceshop.command.catalog.ProductValidation;
import com.licenceshop.command.idempotency.RequestFingerprint;
import com.licenceshop.command.order.OrderRequestValidation;
import com.licenceshop.command.order.Pricing;
import com.licenceshop.command.outbox.Backoff;
import com.licenceshop.command.request.JsonValues;
import com.licenceshop.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.licenceshop.command");

    @Test
    void pricingValidationAndBackoffArePlainJava() {
        noClasses()
                .that()
                .belongToAnyOf(
                        Pricing.class,
                        OrderRequestValidation.class,
                        Catalog.class,
                        Backoff.class,
                        RequestFingerprint.class,
                        ProductValidation.class,
                        JsonValues.class)
                .or()
                // the decision of an order batch; package-private, so named
                .haveNameMatching("com\\.licenceshop\\.command\\.order\\.OrderBatch(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.micronaut..", "java.sql..", "javax.sql..", "com.rabbitmq..", "reactor..")
                .check(CLASSES);
    }

    @Test
    void onlyTheOutboxTalksToTheBroker() {
        noClasses()
                .that()
                .resideOutsideOfPackage("com.licenceshop.command.outbox..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.rabbitmq..", "io.micronaut.rabbitmq..")
                .check(CLASSES);
    }

    @Test
    void featuresDoNotReachIntoTheOpsOrFeedPackages() {
        noClasses()
                .that()
                .resideInAnyPackage("..order..", "..catalog..", "..outbox..", "..idempotency..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..command.ops..", "..command.feed..")
                .check(CLASSES);
    }

    @Test
    void followsTheRulesOfEveryService() {
        ArchitectureRules.ofEveryService("com.licenceshop.command").check(CLASSES);
    }
}
