package com.licenceshop.web;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.licenceshop.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The page logic stays plain Java: no framework, no SQL, so it is tested without a server. */
class ArchitectureTest {

    private static final JavaClasses WEB_UI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.licenceshop.web");

    @Test
    void pageLogicDependsOnNeitherMicronautNorJdbc() {
        noClasses()
                .that()
                .haveSimpleNameStartingWith("Dashboard")
                .and()
                .haveSimpleNameNotEndingWith("Controller")
                .or()
                .haveSimpleNameStartingWith("RevenueChart")
                .or()
                .haveSimpleNameStartingWith("OrderProgress")
                .or()
                .haveSimpleNameStartingWith("StaffUsers")
                .or()
                .haveSimpleNameStartingWith("PasswordHashing")
                .or()
                .haveSimpleNameStartingWith("ValidationMessages")
                .or()
                .haveSimpleNameStartingWith("Money")
                .should()
                .dependOnClassesThat(resideInAnyPackage("io.micronaut..", "java.sql..", "javax.sql..")
                        // nullability annotations only document the records
                        .and(not(resideInAPackage("io.micronaut.core.annotation"))))
                .check(WEB_UI);
    }

    @Test
    void featuresDoNotReachIntoEachOther() {
        noClasses()
                .that()
                .resideInAPackage("..web.shop..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..web.orders..", "..web.dashboard..", "..web.ops..")
                .check(WEB_UI);
        noClasses()
                .that()
                .resideInAPackage("..web.ops..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..web.shop..", "..web.orders..", "..web.dashboard..")
                .check(WEB_UI);
    }

    @Test
    void followsTheRulesOfEveryService() {
        ArchitectureRules.ofEveryService("com.licenceshop.web").check(WEB_UI);
    }
}
