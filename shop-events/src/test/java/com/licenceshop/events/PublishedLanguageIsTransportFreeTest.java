package com.licenceshop.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PublishedLanguageIsTransportFreeTest {

    @Test
    void shopEventsDependsOnNoBrokerNoDatabaseAndNoHttp() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.licenceshop.events");
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.rabbitmq..",
                        "io.micronaut.rabbitmq..",
                        "java.sql..",
                        "io.micronaut.http..",
                        "io.micronaut.data..",
                        "jakarta.inject..")
                .check(classes);
    }
}
