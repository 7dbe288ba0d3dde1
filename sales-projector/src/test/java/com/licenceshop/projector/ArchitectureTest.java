package com.licenceshop.projector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.licenceshop.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.licenceshop.projector");

    @Test
    void theProjectionArithmeticIsPlainJava() {
        noClasses()
                .that()
                .resideInAPackage("..projector.projection..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.micronaut..", "java.sql..", "javax.sql..", "com.rabbitmq..")
                .check(classes);
    }

    @Test
    void onlyTheInboundBrokerAndOpsRoomsTalkToTheBroker() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..projector.projection..",
                        "..projector.readmodel..",
                        "..projector.rebuild..",
                        "..projector.feed..",
                        "..projector.reconciliation..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.rabbitmq..")
                .check(classes);
    }

    @Test
    void queuesAreDeclaredInBrokerAndConsumedInInboundAsElsewhere() {
        ArchitectureRules.ofEveryConsumer().check(classes);
    }

    @Test
    void followsTheRulesOfEveryService() {
        ArchitectureRules.ofEveryService("com.licenceshop.projector").check(classes);
    }
}
