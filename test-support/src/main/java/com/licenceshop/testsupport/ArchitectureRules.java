package com.licenceshop.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Arrays;
import java.util.List;

/**
 * The rules every module's ArchitectureTest applies, so the house stays in order: no package cycles, the
 * beans every service needs declared once (in service-defaults), and no service reaching into another.
 */
public final class ArchitectureRules {

    public static final String SERVICE_DEFAULTS = "com.licenceshop.servicedefaults";
    /** The root package of each service. */
    public static final List<String> SERVICES = List.of(
            "com.licenceshop.command",
            "com.licenceshop.projector",
            "com.licenceshop.notification",
            "com.licenceshop.web");
    /** Beans that only service-defaults declares, by class name (test-support does not depend on the services). */
    static final List<String> SHARED_BEANS =
            List.of("java.time.Clock", "com.licenceshop.events.Topology", "com.licenceshop.events.EventCodec");

    private static final String FACTORY = "io.micronaut.context.annotation.Factory";
    private static final String ERROR_RESPONSES = "io.micronaut.http.server.exceptions.response.";
    private static final String EXCEPTION_HANDLER = "io.micronaut.http.server.exceptions.ExceptionHandler";
    private static final String CLIENT_FILTER = "io.micronaut.http.annotation.ClientFilter";
    private static final String WEB_LOGIN = "com.licenceshop.web.login";

    private ArchitectureRules() {}

    /** The rules every service keeps, in one: what each service's ArchitectureTest checks. */
    public static ArchRule ofEveryService(String rootPackage) {
        return CompositeArchRule.of(noPackageCycles(rootPackage))
                .and(onlyServiceDefaultsDeclaresTheSharedBeans())
                .and(onlyServiceDefaultsHandlesErrors())
                .and(servicesDoNotDependOnEachOther())
                .and(onlyServiceDefaultsReadsTheAuthorizationHeader())
                .and(transactionsOpenThroughTheKit())
                .and(arraysBindThroughTheKit())
                .and(publishesThroughTheMessagingKit());
    }

    /**
     * The shape both consumers share (docs/adr/0014-two-consumers-one-shape.md): their queues are declared in
     * {@code broker}, their queue consumer lives in {@code inbound}.
     */
    public static ArchRule ofEveryConsumer() {
        return CompositeArchRule.of(classes()
                        .that()
                        .areAssignableTo("io.micronaut.rabbitmq.connect.ChannelInitializer")
                        .should()
                        .resideInAPackage("..broker..")
                        .because("both consumers declare their queues in the same room (ADR 14)"))
                .and(classes()
                        .that()
                        .areAnnotatedWith("io.micronaut.rabbitmq.annotation.RabbitListener")
                        .or()
                        .areAssignableTo("com.rabbitmq.client.Consumer")
                        .should()
                        .resideInAPackage("..inbound..")
                        .because("both consumers receive in the same room (ADR 14)"));
    }

    /** The packages directly below {@code rootPackage} (with their subpackages) do not depend on each other in a circle. */
    public static ArchRule noPackageCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("a cycle means neither package can be read, tested or moved alone");
    }

    /** No factory outside service-defaults produces a Clock, a Topology or an EventCodec. */
    public static ArchRule onlyServiceDefaultsDeclaresTheSharedBeans() {
        DescribedPredicate<JavaMethod> sharedBeanType = DescribedPredicate.describe(
                "return a Clock, Topology or EventCodec",
                method -> SHARED_BEANS.contains(method.getRawReturnType().getName()));
        return noMethods()
                .that(sharedBeanType)
                .and()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage(SERVICE_DEFAULTS + "..")
                .should()
                .beDeclaredInClassesThat()
                .areAnnotatedWith(FACTORY)
                .allowEmptyShould(true)
                .because("service-defaults declares the Clock, Topology and EventCodec beans for every service");
    }

    /**
     * problem+json is rendered in one place: no service declares an {@code ErrorResponseProcessor} or a JSON error
     * body of its own, nor an {@code ExceptionHandler} answering with a problem (it says what differs through a
     * {@code ProblemPolicy}). HTML error pages stay the service's.
     */
    public static ArchRule onlyServiceDefaultsHandlesErrors() {
        ArchRule processors = noClasses()
                .that()
                .resideOutsideOfPackage(SERVICE_DEFAULTS + "..")
                .should()
                .implement(ERROR_RESPONSES + "ErrorResponseProcessor")
                .orShould()
                .implement(ERROR_RESPONSES + "JsonErrorResponseBodyProvider")
                .allowEmptyShould(true)
                .because("service-defaults' ProblemHandlers renders every framework error as problem+json");
        ArchRule handlers = noClasses()
                .that()
                .resideOutsideOfPackage(SERVICE_DEFAULTS + "..")
                .and()
                .implement(EXCEPTION_HANDLER)
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(SERVICE_DEFAULTS + ".Problem")
                .allowEmptyShould(true)
                .because("a controller throws ProblemException; service-defaults' ProblemHandlers answers it");
        return CompositeArchRule.of(processors).and(handlers);
    }

    /**
     * Who may call what is decided by micronaut-security (service-defaults' ops login, the services' rules), so no
     * service class reads the {@code Authorization} header itself: none names it (a string constant in its code or
     * an annotation value such as {@code @Header("Authorization")}, which is how a read shows in the bytecode) or
     * calls a {@code getAuthorization} accessor. Allowed: service-defaults (the one place that names it, for the
     * callers), web-ui's login package (its staff login), and client filters, which set it on outgoing calls.
     */
    public static ArchRule onlyServiceDefaultsReadsTheAuthorizationHeader() {
        return noClasses()
                .that()
                .resideOutsideOfPackages(SERVICE_DEFAULTS + "..", WEB_LOGIN + "..")
                .and()
                .areNotAnnotatedWith(CLIENT_FILTER)
                .should(AuthorizationHeader.NAMED)
                .orShould()
                .callMethodWhere(DescribedPredicate.describe(
                        "a getAuthorization accessor", call -> call.getName().equals("getAuthorization")))
                .allowEmptyShould(true)
                .because("micronaut-security reads the credential; a hand-written check beside it is a second way to"
                        + " authenticate (issue 12)");
    }

    /**
     * A service opens and ends its own JDBC transactions only through service-defaults' {@code JdbcTransactions}: one
     * way to commit, roll back on a throw and retry, instead of hand-rolled {@code setAutoCommit(false)} blocks
     * (issue 25). Rolling back to a savepoint stays the caller's.
     */
    public static ArchRule transactionsOpenThroughTheKit() {
        return noClasses()
                .that()
                .resideOutsideOfPackage(SERVICE_DEFAULTS + "..")
                .should()
                .callMethodWhere(DescribedPredicate.describe(
                        "Connection.setAutoCommit, commit or rollback()",
                        call -> call.getTargetOwner().isAssignableTo("java.sql.Connection")
                                && (call.getName().equals("setAutoCommit")
                                        || call.getName().equals("commit")
                                        || call.getName().equals("rollback")
                                                && call.getTarget()
                                                        .getRawParameterTypes()
                                                        .isEmpty())))
                .allowEmptyShould(true)
                .because("service-defaults' JdbcTransactions is the one way to run a JDBC transaction");
    }

    /** A service binds the arrays of an {@code unnest} write only through service-defaults' {@code UnnestColumns}. */
    public static ArchRule arraysBindThroughTheKit() {
        return noClasses()
                .that()
                .resideOutsideOfPackage(SERVICE_DEFAULTS + "..")
                .should()
                .callMethodWhere(DescribedPredicate.describe(
                        "Connection.createArrayOf",
                        call -> call.getTargetOwner().isAssignableTo("java.sql.Connection")
                                && call.getName().equals("createArrayOf")))
                .allowEmptyShould(true)
                .because("service-defaults' UnnestColumns is the one way to bind column arrays");
    }

    /**
     * A service publishes only through service-defaults' {@code ConfirmedPublisher} and fetches dead letters only
     * through its {@code DeadLetterQueue}: one way to wait for confirms, with one timeout and one rule for unroutable
     * messages, and one re-drive loop guard, instead of a {@code confirmSelect}, {@code basicPublish} or
     * {@code basicGet} of its own (issue 25). Consuming ({@code basicConsume}, acknowledgements) stays the service's.
     */
    public static ArchRule publishesThroughTheMessagingKit() {
        return noClasses()
                .that()
                .resideOutsideOfPackage(SERVICE_DEFAULTS + "..")
                .should()
                .callMethodWhere(DescribedPredicate.describe(
                        "Channel.confirmSelect, waitForConfirms*, basicPublish or basicGet",
                        call -> call.getTargetOwner().isAssignableTo("com.rabbitmq.client.Channel")
                                && (call.getName().equals("confirmSelect")
                                        || call.getName().startsWith("waitForConfirms")
                                        || call.getName().equals("basicPublish")
                                        || call.getName().equals("basicGet"))))
                .allowEmptyShould(true)
                .because("service-defaults' ConfirmedPublisher and DeadLetterQueue are the one way to publish with"
                        + " confirms and to move dead letters");
    }

    /** A service talks to another over HTTP or the broker, never through its classes. */
    public static ArchRule servicesDoNotDependOnEachOther() {
        CompositeArchRule rule = null;
        for (String service : SERVICES) {
            String[] others = SERVICES.stream()
                    .filter(other -> !other.equals(service))
                    .map(other -> other + "..")
                    .toArray(String[]::new);
            ArchRule apart = noClasses()
                    .that()
                    .resideInAPackage(service + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .because("services share only shop-events and service-defaults: " + Arrays.toString(others));
            rule = rule == null ? CompositeArchRule.of(apart) : rule.and(apart);
        }
        return rule;
    }
}
