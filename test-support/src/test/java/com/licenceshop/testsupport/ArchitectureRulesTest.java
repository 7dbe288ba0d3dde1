package com.licenceshop.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class ArchitectureRulesTest {

    private static JavaClasses classesIn(String packageName) {
        return new ClassFileImporter().importPackages(packageName);
    }

    @Test
    void aCycleBetweenTwoPackagesIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.noPackageCycles("com.licenceshop.testsupport.fixtures.cycle")
                        .check(classesIn("com.licenceshop.testsupport.fixtures.cycle")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle");
    }

    @Test
    void packagesThatDependOneWayPass() {
        assertThatCode(() -> ArchitectureRules.noPackageCycles("com.licenceshop.testsupport.fixtures.acyclic")
                        .check(classesIn("com.licenceshop.testsupport.fixtures.acyclic")))
                .doesNotThrowAnyException();
    }

    @Test
    void theRulesOfEveryServiceCatchACycleAndOwnClockBean() {
        assertThatThrownBy(() -> ArchitectureRules.ofEveryService("com.licenceshop.testsupport.fixtures.cycle")
                        .check(classesIn("com.licenceshop.testsupport.fixtures.cycle")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle");
        assertThatThrownBy(() -> ArchitectureRules.ofEveryService("com.licenceshop.testsupport")
                        .check(classesIn("com.licenceshop.testsupport.fixtures.beans")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OwnClockFactory.clock()");
    }

    @Test
    void aClockBeanDeclaredOutsideServiceDefaultsIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.onlyServiceDefaultsDeclaresTheSharedBeans()
                        .check(classesIn("com.licenceshop.testsupport.fixtures.beans")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OwnClockFactory.clock()");
    }

    @Test
    void factoriesOfOtherThingsAndPlainMethodsReturningAClockPass() {
        assertThatCode(() -> ArchitectureRules.onlyServiceDefaultsDeclaresTheSharedBeans()
                        .check(classesIn("com.licenceshop.testsupport.fixtures.otherbeans")))
                .doesNotThrowAnyException();
    }

    @Test
    void aServiceRenderingFrameworkErrorsItselfIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.onlyServiceDefaultsHandlesErrors()
                        .check(classesIn("com.licenceshop.testsupport.fixtures.errors")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OwnErrorResponses");
    }

    @Test
    void aServicesOwnHtmlErrorPagePasses() {
        assertThatCode(() -> ArchitectureRules.onlyServiceDefaultsHandlesErrors()
                        .check(classesIn("com.licenceshop.testsupport.fixtures.htmlerrors")))
                .doesNotThrowAnyException();
    }

    @Test
    void aServiceBindingAnArrayByHandIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.arraysBindThroughTheKit()
                        .check(classesIn("com.licenceshop.testsupport.fixtures.arrays")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OwnArray");
    }

    @Test
    void aServiceOpeningATransactionByHandIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.transactionsOpenThroughTheKit()
                        .check(classesIn("com.licenceshop.testsupport.fixtures.transactions")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OwnTransaction");
    }

    @Test
    void aServicePublishingOrFetchingDeadLettersByHandIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.publishesThroughTheMessagingKit()
                        .check(classesIn("com.licenceshop.testsupport.fixtures.confirms")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OwnConfirms.publish")
                .hasMessageContaining("confirmSelect")
                .hasMessageContaining("waitForConfirmsOrDie")
                .hasMessageContaining("OwnConfirms.redrive");
    }

    @Test
    void aServiceUsingAnotherServicesClassIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.servicesDoNotDependOnEachOther()
                        .check(classesIn("com.licenceshop.command.fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("WebSide");
    }

    @Test
    void aServiceUsingOnlyItselfPasses() {
        assertThatCode(() -> ArchitectureRules.servicesDoNotDependOnEachOther()
                        .check(classesIn("com.licenceshop.web.fixture")))
                .doesNotThrowAnyException();
    }

    @Test
    void aServiceReadingTheAuthorizationHeaderItselfIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.onlyServiceDefaultsReadsTheAuthorizationHeader()
                        .check(classesIn("com.licenceshop.testsupport.fixtures.authorization.reads")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OwnOpsCheck names the Authorization header in method allowed");
        assertThatThrownBy(() -> ArchitectureRules.onlyServiceDefaultsReadsTheAuthorizationHeader()
                        .check(classesIn("com.licenceshop.testsupport.fixtures.authorization.annotated")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("HeaderParameter names the Authorization header");
    }

    @Test
    void aClientFilterSettingTheHeaderAndOtherHeadersPass() {
        assertThatCode(() -> ArchitectureRules.onlyServiceDefaultsReadsTheAuthorizationHeader()
                        .check(classesIn("com.licenceshop.testsupport.fixtures.authorization.sets")))
                .doesNotThrowAnyException();
    }
}
