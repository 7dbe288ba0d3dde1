package com.licenceshop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against the services' own configuration, like {@link KubernetesManifestsTest} for Kubernetes. */
class ComposeFileTest {

    private static final Pattern HEALTH_URL = Pattern.compile("http://localhost:(\\d+)(/\\S*)");

    private final List<ServiceEndpoints> services = ServiceEndpoints.all(Repository.ROOT);
    private final ComposeFile compose = ComposeFile.load();

    @Test
    void eachServiceRunsItsJibImageTaggedWithTheProjectsVersion() {
        for (ServiceEndpoints service : services) {
            Node definition = compose.service(service.module());
            // one way to build an image (docs/adr/0004-container-images.md): Jib, not a compose build section
            assertThat(definition.at("build").exists())
                    .as("%s has a build section", service.module())
                    .isFalse();
            assertThat(definition.at("image").text())
                    .as("%s image", service.module())
                    .isEqualTo("licence-shop/" + service.module() + ":" + Repository.VERSION);
        }
    }

    @Test
    void eachHealthCheckAsksTheServicesHealthEndpointOnItsPort() {
        for (ServiceEndpoints service : services) {
            String test = String.join(
                    " ",
                    compose.service(service.module()).at("healthcheck.test").list().stream()
                            .map(Node::text)
                            .toList());
            Matcher url = HEALTH_URL.matcher(test);
            assertThat(url.find())
                    .as("%s health check %s", service.module(), test)
                    .isTrue();
            String port = compose.environment(service.module())
                    .getOrDefault("MICRONAUT_SERVER_PORT", String.valueOf(service.httpPort()));
            int managementPort =
                    service.managementPort() == service.httpPort() ? Integer.parseInt(port) : service.managementPort();
            assertThat(Integer.parseInt(url.group(1)))
                    .as("%s health check port", service.module())
                    .isEqualTo(managementPort);
            assertThat(url.group(2))
                    .as("%s health check path", service.module())
                    .startsWith(service.healthPath());
        }
    }

    @Test
    void everyVariableAServiceNeedsIsSetForIt() {
        for (ServiceEndpoints service : services) {
            assertThat(compose.environment(service.module()).keySet())
                    .as("%s environment", service.module())
                    .containsAll(service.requiredVariables());
        }
    }

    @Test
    void commandApiGetsPaymentSettingsAndTheLocalProviderItsOwnProfile() {
        assertThat(compose.environment("command-api"))
                .containsKeys(
                        "PAYMENT_REQUIRED",
                        "PAYMENT_PROVIDER_URL",
                        "PAYMENT_PROVIDER_SECRET_KEY",
                        "PAYMENT_WEBHOOK_SECRET");
        assertThat(compose.environment("command-api").get("PAYMENT_REQUIRED")).isEqualTo("${PAYMENT_REQUIRED:-true}");
        assertThat(compose.environment("payment-provider"))
                .containsEntry("PAYMENT_PROVIDER_WEBHOOK_URL", "http://command-api:8080/api/payments/webhook")
                .containsKeys("PAYMENT_PROVIDER_SECRET_KEY", "PAYMENT_WEBHOOK_SECRET");
    }

    @Test
    void everyPublicRouterDropsTheClientsTraceContext() {
        Map<String, String> traefik = compose.labels("traefik");
        for (String header : List.of("traceparent", "tracestate", "baggage")) {
            assertThat(traefik)
                    .containsEntry("traefik.http.middlewares.edge-trace.headers.customrequestheaders." + header, "");
        }
        for (String service : List.of("command-api", "web-ui")) {
            compose.labels(service).forEach((key, value) -> {
                Matcher router = Pattern.compile("traefik\\.http\\.routers\\.([^.]+)\\.rule")
                        .matcher(key);
                if (router.matches()) {
                    assertThat(compose.labels(service).get("traefik.http.routers." + router.group(1) + ".middlewares"))
                            .as(value)
                            .isNotNull()
                            .contains("edge-trace@docker");
                }
            });
        }
    }

    @Test
    void placingAnOrderGoesThroughTheEdgeRateLimit() {
        assertThat(compose.labels("traefik")).containsKey("traefik.http.middlewares.order-limit.ratelimit.average");
        List<String> limited = new ArrayList<>();
        for (String service : List.of("command-api", "web-ui")) {
            compose.labels(service).forEach((key, value) -> {
                Matcher router = Pattern.compile("traefik\\.http\\.routers\\.([^.]+)\\.rule")
                        .matcher(key);
                if (router.matches() && (value.contains("Path(`/api/orders`)") || value.contains("Path(`/orders`)"))) {
                    assertThat(value).contains("Method(`POST`)");
                    assertThat(compose.labels(service).get("traefik.http.routers." + router.group(1) + ".middlewares"))
                            .contains("order-limit@docker");
                    limited.add(value);
                }
            });
        }
        assertThat(limited).as("the web shop's and the API's order placement").hasSize(2);
    }

    @Test
    void traefikRoutesTheTwoHostsAndNeverAManagementEndpoint() {
        assertThat(compose.routedHosts()).isEqualTo(ServiceEndpoints.ROUTED_HOSTS);
        Map<String, List<String>> rulesByService = new TreeMap<>();
        compose.routerRules()
                .forEach((rule, service) -> rulesByService
                        .computeIfAbsent(service, s -> new ArrayList<>())
                        .add(rule));
        rulesByService.forEach((service, rules) -> KubernetesManifestsTest.assertRoutesOnlyThePublicPaths(
                service,
                rules,
                services.stream()
                        .filter(s -> s.module().equals(service))
                        .findFirst()
                        .orElseThrow()));
    }

    @Test
    void dashboardAndAdminerSitBehindBasicAuthWithNoDefaultUsers() {
        Map<String, String> traefik = compose.labels("traefik");
        assertThat(traefik.get("traefik.http.middlewares.admin-auth.basicauth.users"))
                .as("users only from the environment, required")
                .matches("^\\$\\{TRAEFIK_DASHBOARD_USERS:\\?[^}]+}$");
        Map<String, String> routes = new TreeMap<>(); // host → what it reaches
        for (String tool : ComposeFile.ADMIN_TOOLS) {
            Map<String, String> labels = compose.labels(tool);
            assertThat(labels).as("%s labels", tool).containsEntry("traefik.enable", "true");
            labels.forEach((key, value) -> {
                Matcher router = Pattern.compile("traefik\\.http\\.routers\\.([^.]+)\\.rule")
                        .matcher(key);
                if (router.matches()) {
                    String prefix = "traefik.http.routers." + router.group(1) + ".";
                    assertThat(labels.get(prefix + "middlewares"))
                            .as("%s router %s middlewares", tool, router.group(1))
                            .isEqualTo("admin-auth");
                    assertThat(value)
                            .as("%s router %s: one host, nothing else", tool, router.group(1))
                            .matches("^Host\\(`[^`]+`\\)$");
                    routes.put(
                            KubernetesManifestsTest.hostsIn(value).get(0),
                            labels.getOrDefault(prefix + "service", tool));
                }
            });
            assertThat(compose.service(tool).at("ports").list())
                    .as("%s ports", tool)
                    .extracting(Node::text)
                    .allMatch("80:80"::equals);
        }
        assertThat(routes).isEqualTo(Map.of("traefik.shop.localhost", "api@internal", "db.shop.localhost", "adminer"));
        assertThat(compose.service("adminer").at("ports").exists())
                .as("adminer publishes a port")
                .isFalse();
    }

    @Test
    void traefiksApiIsServedOnlyThroughItsRouterNeverInsecure() {
        List<String> command = compose.service("traefik").at("command").list().stream()
                .map(Node::text)
                .toList();
        assertThat(command)
                .contains("--api.dashboard=true", "--api.insecure=false")
                .noneMatch(argument -> argument.equals("--api.insecure")
                        || argument.equals("--api.insecure=true")
                        || argument.startsWith("--entrypoints.traefik"));
    }

    @Test
    void onlyTraefikListensOnEveryInterfaceEveryOtherPublishedPortOnLoopback() {
        compose.services().forEach((name, definition) -> {
            for (Node port : new Node(definition).at("ports").list()) {
                if (name.equals("traefik")) {
                    assertThat(port.text()).as("traefik port").isEqualTo("80:80");
                } else {
                    // the broker's management UI is an administrator's login, the mail inbox every customer's mail
                    assertThat(port.text()).as("%s port %s", name, port.text()).startsWith("127.0.0.1:");
                }
            }
        });
    }

    @Test
    void webUiReadsQueueDepthsAsTheMonitoringUserMadeBeforeIt() {
        Map<String, String> env = compose.environment("web-ui");
        assertThat(env.get("RABBITMQ_MANAGEMENT_USER")).isEqualTo(KubernetesManifestsTest.MONITOR_USER);
        assertThat(env.get("RABBITMQ_MANAGEMENT_PASSWORD")).startsWith("${RABBITMQ_MONITOR_PASSWORD:?");
        assertThat(compose.service("web-ui")
                        .at("depends_on.rabbitmq-monitor-user.condition")
                        .text())
                .isEqualTo("service_completed_successfully");
        Node maker = compose.service("rabbitmq-monitor-user");
        assertThat(maker.at("image").text())
                .isEqualTo(compose.service("rabbitmq").at("image").text());
        String script = String.join(
                " ", maker.at("command").list().stream().map(Node::text).toList());
        assertThat(script)
                .contains(
                        "declare user name=" + KubernetesManifestsTest.MONITOR_USER,
                        "tags=monitoring",
                        "declare permission vhost=/ user=" + KubernetesManifestsTest.MONITOR_USER,
                        "configure='^$$' write='^$$' read='^$$'"); // compose's escape of $
    }

    @Test
    void traefikReadsLabelsViaAGetOnlyProxyNotTheDockerSocket() {
        compose.services().forEach((name, definition) -> {
            boolean mountsTheSocket = new Node(definition)
                    .at("volumes").list().stream().anyMatch(v -> v.text().startsWith("/var/run/docker.sock"));
            assertThat(mountsTheSocket)
                    .as("%s mounts the docker socket", name)
                    .isEqualTo(name.equals("docker-socket-proxy"));
        });
        Node proxy = compose.service("docker-socket-proxy");
        assertThat(compose.environment("docker-socket-proxy"))
                .containsEntry("CONTAINERS", "1")
                .containsEntry("EVENTS", "1")
                .containsEntry("POST", "0");
        assertThat(proxy.at("ports").exists()).isFalse();
        assertThat(proxy.at("networks").list()).extracting(Node::text).containsExactly("docker-api");
        assertThat(compose.root().at("networks.docker-api.internal").value()).isEqualTo(true);
        assertThat(compose.service("traefik").at("command").list())
                .extracting(Node::text)
                .contains("--providers.docker.endpoint=tcp://docker-socket-proxy:2375");
    }

    @Test
    void signingKeyOnlyForCommandApiNoBrokerPasswordForWebUi() {
        assertThat(compose.environment("web-ui").get("RABBITMQ_URI")).doesNotContain("@");
        for (ServiceEndpoints service : services) {
            assertThat(compose.environment(service.module()).containsKey("LICENCE_SIGNING_KEY"))
                    .as(service.module())
                    .isEqualTo(service.module().equals("command-api"));
            // L-19: web-ui alone can mint staff tokens; command-api checks them with the public key only
            assertThat(compose.environment(service.module()).containsKey("STAFF_TOKEN_SIGNING_KEY"))
                    .as(service.module())
                    .isEqualTo(service.module().equals("web-ui"));
            assertThat(compose.environment(service.module()))
                    .as(service.module())
                    .doesNotContainKey("JWT_SECRET");
        }
    }

    @Test
    void servicesRunReadOnlyWithoutCapabilitiesOrNewPrivilegesInLimitedMemory() {
        for (ServiceEndpoints service : services) {
            Node definition = compose.service(service.module());
            assertThat(definition.at("read_only").value())
                    .as("%s read_only", service.module())
                    .isEqualTo(true);
            assertThat(definition.at("tmpfs").list())
                    .extracting(Node::text)
                    .as(service.module())
                    .contains("/tmp");
            assertThat(definition.at("cap_drop").list())
                    .extracting(Node::text)
                    .as(service.module())
                    .containsExactly("ALL");
            assertThat(definition.at("security_opt").list())
                    .extracting(Node::text)
                    .as(service.module())
                    .contains("no-new-privileges:true");
            assertThat(definition.at("mem_limit").text())
                    .as("%s mem_limit", service.module())
                    .isNotBlank();
        }
    }

    @Test
    void composePinnedGivesThirdPartyImagesTheirTagAndADigest() {
        ComposeFile pinned = ComposeFile.load("compose.pinned.yml");
        assertThat(compose.services().keySet())
                .as("compose.pinned.yml pins only what docker-compose.yml runs")
                .containsAll(pinned.services().keySet());
        compose.services().forEach((name, definition) -> {
            String image = new Node(definition).at("image").text();
            if (RenderedOverlay.moduleOf(image).isEmpty()) {
                // L-23: a tag can be moved to other bits; a digest cannot
                assertThat(pinned.service(name).at("image").text())
                        .as("compose.pinned.yml: image of %s", name)
                        .startsWith(image + "@sha256:")
                        .matches(".+@sha256:[^/:@]+$");
            }
        });
    }

    @Test
    void everyImageIsPinnedToATag() {
        for (ComposeFile file : List.of(compose, ComposeFile.load("compose.hash-password.yml"))) {
            file.services()
                    .forEach((name, definition) -> assertThat(
                                    new Node(definition).at("image").text())
                            .as("%s: image of %s", file.file(), name)
                            .matches(".+:[^/:]+$")
                            .doesNotEndWith(":latest"));
        }
    }

    @Test
    void staffPasswordsAreHashedByTheWebUiImageWithoutAnySecret() throws IOException {
        ComposeFile hashing = ComposeFile.load("compose.hash-password.yml");
        Node service = hashing.service("hash-password");
        assertThat(service.at("image").text())
                .isEqualTo(compose.service("web-ui").at("image").text());
        assertThat(service.at("command").list()).extracting(Node::text).containsExactly("hash-password");
        // compose interpolates the whole file before it picks a service, so a ${VAR:?} here would refuse to run
        assertThat(Files.readString(Repository.ROOT.resolve("compose.hash-password.yml")))
                .doesNotContain("${");
        // that the image's entrypoint passes `hash-password` on: ContainerImagesTest
    }
}
