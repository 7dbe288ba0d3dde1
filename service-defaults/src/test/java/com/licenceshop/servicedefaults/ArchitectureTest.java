package com.licenceshop.servicedefaults;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.licenceshop.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ArchitectureRules.SERVICE_DEFAULTS);

    /** One package: nothing inside it can form a cycle, and it stays small enough to read at once. */
    @Test
    void everythingLivesInOnePackage() {
        classes().should().resideInAPackage(ArchitectureRules.SERVICE_DEFAULTS).check(CLASSES);
    }

    @Test
    void theSharedDefaultsKnowNoService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ArchitectureRules.SERVICES.stream()
                        .map(service -> service + "..")
                        .toArray(String[]::new))
                .check(CLASSES);
    }
}
