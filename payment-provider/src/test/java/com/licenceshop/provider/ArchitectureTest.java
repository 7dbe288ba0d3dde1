package com.licenceshop.provider;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.licenceshop.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final com.tngtech.archunit.core.domain.JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.licenceshop.provider");

    @Test
    void itsPackagesHaveNoCycles() {
        ArchitectureRules.noPackageCycles("com.licenceshop.provider").check(classes);
    }

    @Test
    void itKnowsNothingOfTheShop() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.licenceshop.events..", "com.licenceshop.servicedefaults..", "com.licenceshop.command..")
                .check(classes);
    }
}
