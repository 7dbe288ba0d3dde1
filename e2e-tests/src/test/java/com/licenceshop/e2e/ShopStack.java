package com.licenceshop.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.DatabaseRoles;
import com.licenceshop.testsupport.LicenceSigningKeys;
import com.licenceshop.testsupport.PgBouncer;
import com.licenceshop.testsupport.ServiceProcess;
import com.licenceshop.testsupport.StaffTokenKeys;
import com.licenceshop.testsupport.TcpProxy;
import com.licenceshop.testsupport.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole shop as it runs in production: the four service jars as processes, on a fresh database, a fresh
 * broker namespace and a real SMTP server (GreenMail) of their own.
 */
final class ShopStack implements AutoCloseable {

    static final String OPS_USERNAME = "ops";
    static final String SALES_STAFF = "sales";
    static final String OPS_STAFF = "ops";

    final TestServers.Database database = TestServers.freshDatabase();
    final String namespace = TestServers.freshNamespace();
    final Topology topology = new Topology(namespace);
    final String opsPassword = UUID.randomUUID().toString();
    /** Password of both staff logins of the web UI (sales: role SALES, ops: roles OPS and SALES). */
    final String staffPassword = UUID.randomUUID().toString();

    private final String staffUsers = staffUsers(staffPassword);
    /**
     * One per stack, the same for every service and replica: command-api checks the staff tokens web-ui signs with
     * the private key (catalog writes) with the public one, and web-ui replicas must accept each other's login cookies
     * and CSRF tokens.
     */
    final StaffTokenKeys staffTokenKeys = StaffTokenKeys.generate();

    private final String csrfSecret = UUID.randomUUID() + "-" + UUID.randomUUID();
    final int smtpPort = TestServers.freePort();
    GreenMail smtp = TestServers.startSmtp(smtpPort);
    /** Every service reaches the broker through this, so a test can take the broker away from all of them. */
    final TcpProxy brokerProxy =
            TcpProxy.start(TestServers.rabbit().host(), TestServers.rabbit().port());

    /** One signing key for the stack's life: a restarted command-api keeps signing (and verifying) with it. */
    private final Map<String, String> licenceSigningKey = LicenceSigningKeys.environment();

    private final List<ServiceProcess> processes = new ArrayList<>();
    private final Map<String, String> extraEnvironment = new HashMap<>();
    /** Set by {@link #startBehindPgBouncer()}: each service's own login, and the pooler in front of the database. */
    DatabaseRoles roles;

    PgBouncer pgBouncer;
    /**
     * The card provider's secrets (ADR 13): known to the local provider and command-api alike, as {@code ./shop up}
     * shares them. command-api's port is chosen up front so the provider can be told its webhook URL.
     */
    final String paymentSecretKey = "sk_test_" + UUID.randomUUID().toString().replace("-", "");

    final String paymentWebhookSecret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    private final int commandApiPort = TestServers.freePort();
    private final int paymentProviderPort = TestServers.freePort();
    /** Chosen up front too: the links in mails and the provider's return URL (success_url) point at it. */
    private final int webUiPort = TestServers.freePort();

    private ServiceProcess paymentProvider;
    private ServiceProcess commandApi;
    private ServiceProcess salesProjector;
    private ServiceProcess notificationService;
    private ServiceProcess webUi;

    static ShopStack start() {
        return start(Map.of());
    }

    /** With more environment for every service (LOG_FORMAT=json, for one). */
    static ShopStack start(Map<String, String> extraEnvironment) {
        var stack = new ShopStack();
        stack.extraEnvironment.putAll(extraEnvironment);
        return stack.startTheShop();
    }

    /**
     * As in production behind CloudNativePG's {@code Pooler} (docs/adr/0010-connection-budget.md): every service
     * logs in as its own database role ({@link DatabaseRoles}), its pool goes through a PgBouncer in transaction
     * mode ({@code DATABASE_URL}), what needs a session goes to the database directly ({@code DATABASE_SESSION_URL}).
     */
    static ShopStack startBehindPgBouncer() {
        var stack = new ShopStack();
        try {
            stack.roles = DatabaseRoles.create(stack.database);
            stack.pgBouncer = PgBouncer.start(stack.database, stack.roles.logins());
            stack.extraEnvironment.put("DATABASE_URL", stack.pgBouncer.jdbcUrl());
            stack.extraEnvironment.put("DATABASE_SESSION_URL", stack.database.jdbcUrl());
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack.startTheShop();
    }

    private ShopStack startTheShop() {
        try {
            // the card provider first, an outside party: command-api creates checkouts there, it calls command-api's
            // webhook
            paymentProvider = startPaymentProvider();
            // command-api next: it owns the exchange the consumers bind to and the feed the projector reads
            commandApi = startService("command-api", "command-api", commandApiPort);
            salesProjector = startService("sales-projector", "sales-projector");
            notificationService = startService("notification-service", "notification-service");
            webUi = startService("web-ui", "web-ui", webUiPort);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Environment every service gets: the one a deployment sets (see docs/contracts.md). */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(TestServers.environment(database, namespace));
        env.putAll(licenceSigningKey);
        env.put("RABBITMQ_URI", TestServers.rabbit().uri("127.0.0.1", brokerProxy.port()));
        env.put("OPS_USERNAME", OPS_USERNAME);
        env.put("OPS_PASSWORD", opsPassword);
        // the tests place their orders from this one address (command-api's OrderRateLimitsIT tests the limits)
        env.put("ORDER_LIMIT_PER_CLIENT", "0");
        env.put("ORDER_LIMIT_PER_RECIPIENT", "0");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(smtpPort));
        env.put("NOTIFICATION_RETRY_DELAYS", "200ms,500ms,1s");
        env.put("STAFF_TOKEN_SIGNING_KEY", staffTokenKeys.signingKey());
        env.put("STAFF_TOKEN_PUBLIC_KEY", staffTokenKeys.publicKeyText());
        env.put("CSRF_SECRET", csrfSecret);
        env.put("STAFF_USERS", staffUsers);
        // plain http on localhost in tests: a __Host- cookie would need https
        env.put("COOKIE_SECURE", "false");
        env.put("CSRF_COOKIE_NAME", "csrfToken");
        env.put("SHOP_URL", "http://localhost:" + webUiPort);
        // keys only for paid orders, as the shop runs by default (issue 23); a test of the free path passes false
        env.put("PAYMENT_REQUIRED", "true");
        env.put("PAYMENT_PROVIDER_URL", paymentProviderUrl());
        env.put("PAYMENT_CHECKOUT_ORIGIN", paymentProviderUrl());
        env.put("PAYMENT_PROVIDER_SECRET_KEY", paymentSecretKey);
        env.put("PAYMENT_WEBHOOK_SECRET", paymentWebhookSecret);
        // subscribed as ./shop up does: the events command-api acts on
        env.put(
                "PAYMENT_PROVIDER_WEBHOOK_EVENTS",
                "checkout.session.completed,checkout.session.expired,payment_intent.payment_failed,refund.created");
        if (commandApi != null) {
            env.put("COMMAND_API_URL", commandApi.baseUrl());
        }
        if (salesProjector != null) {
            env.put("SALES_PROJECTOR_URL", salesProjector.baseUrl());
        }
        if (notificationService != null) {
            env.put("NOTIFICATION_SERVICE_URL", notificationService.baseUrl());
        }
        env.putAll(extraEnvironment);
        return env;
    }

    /** Hashes the password with the web UI's own command, as an operator would. */
    private static String staffUsers(String password) {
        String hash = ServiceProcess.runCommand("web-ui", List.of("hash-password"), password + "\n");
        return SALES_STAFF + ":SALES:" + hash + "," + OPS_STAFF + ":OPS,SALES:" + hash;
    }

    /** A new command-api instance at the first one's address, where web-ui and the provider's webhooks call it. */
    ServiceProcess startCommandApiInItsPlace(String instance) {
        return startService("command-api", instance, commandApiPort);
    }

    ServiceProcess startService(String module, String instance) {
        return startService(module, instance, TestServers.freePort());
    }

    ServiceProcess startService(String module, String instance, int port) {
        Map<String, String> environment = environment();
        if (roles != null) {
            environment.putAll(roles.environmentOf(module));
        }
        if (module.equals("command-api")) {
            // as ./shop up: web-ui on this machine is command-api's trusted peer (client address, trace context)
            environment.putIfAbsent("TRUSTED_PROXIES", "127.0.0.1/32");
        }
        ServiceProcess process = ServiceProcess.start(module, instance, environment, port);
        processes.add(process);
        return process;
    }

    /**
     * The local card provider (Stripe's API) with only its own settings: it shares nothing with the shop. Its
     * hosted pages are handed to browsers, so it must know its own URL; its webhooks go to command-api's port.
     */
    private ServiceProcess startPaymentProvider() {
        Map<String, String> env = new HashMap<>();
        env.put("PAYMENT_PROVIDER_SECRET_KEY", paymentSecretKey);
        env.put("PAYMENT_PROVIDER_PUBLIC_URL", paymentProviderUrl());
        env.put("PAYMENT_PROVIDER_WEBHOOK_URL", "http://localhost:" + commandApiPort + "/api/payments/webhook");
        env.put("PAYMENT_WEBHOOK_SECRET", paymentWebhookSecret);
        // the webhook is retried quickly in tests: command-api may still be starting when the first events leave
        env.put("PAYMENT_PROVIDER_WEBHOOK_RETRY_DELAYS", "200ms,500ms,1s,2s,4s");
        ServiceProcess process = ServiceProcess.start("payment-provider", "payment-provider", env, paymentProviderPort);
        processes.add(process);
        return process;
    }

    String paymentProviderUrl() {
        return "http://localhost:" + paymentProviderPort;
    }

    ServiceProcess paymentProvider() {
        return paymentProvider;
    }

    /** SIGKILL a consumer and start a fresh instance of it: a crash and a restart by the orchestrator. */
    void crashAndRestartSalesProjector() {
        salesProjector.kill();
        salesProjector = startService("sales-projector", "sales-projector-restarted-" + processes.size());
    }

    void crashAndRestartNotificationService() {
        notificationService.kill();
        notificationService =
                startService("notification-service", "notification-service-restarted-" + processes.size());
    }

    /** Ends an SMTP outage: a new server on the same port (received mails so far are kept by the test). */
    void startSmtpAgain() {
        smtp = TestServers.startSmtp(smtpPort);
    }

    ServiceProcess commandApi() {
        return commandApi;
    }

    ServiceProcess salesProjector() {
        return salesProjector;
    }

    ServiceProcess notificationService() {
        return notificationService;
    }

    ServiceProcess webUi() {
        return webUi;
    }

    Connection connect() throws SQLException {
        return database.connect();
    }

    /** Confirmation mails the ledger records as SENT. */
    int sentConfirmations() throws SQLException {
        try (Connection db = connect();
                var row = db.createStatement()
                        .executeQuery(
                                "SELECT count(*) FROM notifications.mails WHERE status = 'SENT' AND kind = 'ORDER_CONFIRMATION'")) {
            row.next();
            return row.getInt(1);
        }
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        brokerProxy.close();
        if (pgBouncer != null) {
            pgBouncer.close();
        }
    }
}
