package com.licenceshop.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.licenceshop.notification.mail.MailIntents;
import com.licenceshop.notification.retry.DelaySchedule;
import com.licenceshop.notification.retry.RetryDecision;
import com.licenceshop.notification.retry.RetryPolicy;
import com.licenceshop.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.licenceshop.notification");

    @Test
    void theDelayScheduleAndWhatAMailSaysArePlainJava() {
        noClasses()
                .that()
                .belongToAnyOf(DelaySchedule.class, RetryPolicy.class, RetryDecision.class, MailIntents.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.micronaut..", "java.sql..", "com.rabbitmq..", "jakarta.mail..")
                .check(classes);
    }

    @Test
    void whatBecomesOfAnUnsentMailIsDecidedInPlainJava() {
        noClasses()
                .that()
                .haveNameMatching("com\\.licenceshop\\.notification\\.inbound\\.DeliveryDecisions.*")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.micronaut..", "java.sql..", "com.rabbitmq..", "jakarta.mail..", "io.opentelemetry..")
                .check(classes);
    }

    @Test
    void onlyListenerAndOpsUseTheBrokerOnlyTheLedgerTheDatabase() {
        noClasses()
                .that()
                .resideInAnyPackage("..mail..", "..ledger..", "..retry..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.rabbitmq..", "io.micronaut.rabbitmq..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage("..ledger..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..")
                .check(classes);
    }

    @Test
    void queuesAreDeclaredInBrokerAndConsumedInInboundAsElsewhere() {
        ArchitectureRules.ofEveryConsumer().check(classes);
    }

    @Test
    void followsTheRulesOfEveryService() {
        ArchitectureRules.ofEveryService("com.licenceshop.notification").check(classes);
    }
}
