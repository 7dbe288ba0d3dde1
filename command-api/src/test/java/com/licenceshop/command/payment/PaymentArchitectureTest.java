package com.licenceshop.command.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PaymentArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.licenceshop.command.payment");

    @Test
    void theProcessItsStateItsScheduleAndTheInvoiceArePlainJava() {
        noClasses()
                .that()
                .belongToAnyOf(
                        PaymentProcess.class,
                        PaymentState.class,
                        PaymentEvent.class,
                        Trigger.class,
                        Effect.class,
                        Decision.class,
                        DeadlineSchedule.class,
                        Invoice.class,
                        PaymentPolicy.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.micronaut..", "java.sql..", "javax.sql..", "com.stripe..", "com.rabbitmq..", "reactor..")
                .check(classes);
    }
}
