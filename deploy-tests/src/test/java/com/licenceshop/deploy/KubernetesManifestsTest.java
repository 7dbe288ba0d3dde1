package com.licenceshop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.deploy.RenderedOverlay.ShopContainer;
import com.licenceshop.events.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Renders every overlay of deploy/k8s with {@code kubectl kustomize} and checks it against the code: ports and
 * probes against each service's application.yml, the environment against the variables the services need,
 * the KEDA triggers against {@link Topology}, the routes against docker-compose.yml. What runs in a cluster
 * (operators, KEDA, Traefik) is not tested here: no cluster runs on the build machines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTest {

    private static final Pattern HOST = Pattern.compile("Host\\(`([^`]+)`\\)");
    static final String MONITOR_USER = "shop-monitor";
    private final List<ServiceEndpoints> services = ServiceEndpoints.all(Repository.ROOT);
    private final List<RenderedOverlay> overlays =
            List.of(RenderedOverlay.render("local"), RenderedOverlay.render("production"));

    @Test
    void everyOverlayHasADeploymentServiceAndDisruptionBudgetPerService() {
        for (RenderedOverlay overlay : overlays) {
            for (ServiceEndpoints service : services) {
                assertThat(overlay.deploymentsOf(service.module()))
                        .as("%s: Deployment of %s", overlay, service.module())
                        .hasSize(1);
                assertThat(overlay.find("Service", service.module()))
                        .as("%s: Service %s", overlay, service.module())
                        .isPresent();
                assertThat(overlay.find("PodDisruptionBudget", service.module()))
                        .as("%s: PDB %s", overlay, service.module())
                        .isPresent();
            }
        }
    }

    @Test
    void eachContainerListensOnItsConfiguredPortAndItsServiceTargetsIt() {
        for (RenderedOverlay overlay : overlays) {
            for (ServiceEndpoints service : services) {
                Node container = theDeployment(overlay, service).container();
                assertThat(portNumber(container, "http"))
                        .as("%s: %s http port", overlay, service.module())
                        .isEqualTo(service.httpPort());
                Node kubeService = overlay.find("Service", service.module()).orElseThrow();
                assertThat(kubeService.at("spec.ports").list())
                        .as("%s: Service %s targets the http port", overlay, service.module())
                        .anyMatch(p -> "http".equals(p.at("targetPort").text()));
                assertThat(kubeService.at("spec.selector").map())
                        .isEqualTo(Map.of("app.kubernetes.io/name", service.module()));
            }
        }
    }

    @Test
    void startupLivenessAndReadinessProbesAskTheServicesOwnHealthEndpoints() {
        for (RenderedOverlay overlay : overlays) {
            for (ServiceEndpoints service : services) {
                Node container = theDeployment(overlay, service).container();
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    Node get = container.at(probe + ".httpGet");
                    String expected = probe.equals("readinessProbe") ? service.readinessPath() : service.livenessPath();
                    assertThat(get.at("path").text())
                            .as("%s: %s %s path", overlay, service.module(), probe)
                            .isEqualTo(expected);
                    assertThat(portNumber(container, get.at("port").text()))
                            .as("%s: %s %s port", overlay, service.module(), probe)
                            .isEqualTo(service.managementPort());
                }
            }
        }
    }

    @Test
    void everyVariableAServiceNeedsComesFromConfigMapSecretsOrEnv() {
        for (RenderedOverlay overlay : overlays) {
            for (ShopContainer container : overlay.shopContainers()) {
                ServiceEndpoints service = serviceOf(container.module());
                assertThat(overlay.environmentOf(container))
                        .as("%s: environment of %s", overlay, container)
                        .containsAll(service.requiredVariables());
            }
        }
    }

    @Test
    void theCommandApiGetsThePaymentSettingsAndProductionPaysThroughStripe() {
        for (RenderedOverlay overlay : overlays) {
            for (ShopContainer container : overlay.deploymentsOf("command-api")) {
                assertThat(overlay.environmentOf(container))
                        .as("%s: environment of %s", overlay, container)
                        .contains(
                                "PAYMENT_REQUIRED",
                                "PAYMENT_PROVIDER_URL",
                                "PAYMENT_PROVIDER_SECRET_KEY",
                                "PAYMENT_WEBHOOK_SECRET");
            }
        }
        assertThat(overlays.get(1).configValue("shop-config", "PAYMENT_PROVIDER_URL"))
                .contains("https://api.stripe.com");
        for (RenderedOverlay overlay : overlays) {
            // keys only for paid orders wherever the shop runs (issue 23); false is an operator's explicit choice
            assertThat(overlay.configValue("shop-config", "PAYMENT_REQUIRED"))
                    .as("%s", overlay)
                    .contains("true");
        }
    }

    @Test
    void podsRunNonRootOnReadOnlyFilesystemsWithAWritableTmp() {
        for (RenderedOverlay overlay : overlays) {
            for (ShopContainer c : overlay.shopContainers()) {
                assertThat(c.podSpec().at("securityContext.runAsNonRoot").value())
                        .as("%s: %s runAsNonRoot", overlay, c)
                        .isEqualTo(true);
                assertThat(c.container()
                                .at("securityContext.readOnlyRootFilesystem")
                                .value())
                        .as("%s: %s read-only root", overlay, c)
                        .isEqualTo(true);
                assertThat(c.container()
                                .at("securityContext.allowPrivilegeEscalation")
                                .value())
                        .as("%s: %s no escalation", overlay, c)
                        .isEqualTo(false);
                String tmpVolume = c.container().at("volumeMounts").list().stream()
                        .filter(m -> "/tmp".equals(m.at("mountPath").text()))
                        .map(m -> m.at("name").text())
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(overlay + ": " + c + " has no /tmp mount"));
                assertThat(c.podSpec().at("volumes").list())
                        .as("%s: %s /tmp is an emptyDir", overlay, c)
                        .anyMatch(v -> tmpVolume.equals(v.at("name").text())
                                && v.at("emptyDir").exists());
            }
        }
    }

    @Test
    void servicesHaveRequestsAMemoryLimitAndAGracePeriodToFinish() {
        for (RenderedOverlay overlay : overlays) {
            for (ServiceEndpoints service : services) {
                ShopContainer c = theDeployment(overlay, service);
                assertThat(c.container().at("resources.requests.cpu").exists())
                        .as("%s: %s cpu request", overlay, service.module())
                        .isTrue();
                assertThat(c.container().at("resources.requests.memory").exists())
                        .as("%s: %s memory request", overlay, service.module())
                        .isTrue();
                assertThat(c.container().at("resources.limits.memory").exists())
                        .as("%s: %s memory limit", overlay, service.module())
                        .isTrue();
                Object grace = c.podSpec().at("terminationGracePeriodSeconds").value();
                assertThat(grace)
                        .as("%s: %s terminationGracePeriodSeconds", overlay, service.module())
                        .isInstanceOf(Integer.class);
                assertThat((long) (Integer) grace)
                        .as("%s: %s grace period, seconds", overlay, service.module())
                        .isGreaterThanOrEqualTo(service.minimumGracePeriod().toSeconds());
            }
        }
    }

    @Test
    void kedaScalesEachConsumerOnTheBacklogOfItsTopologyQueue() {
        for (RenderedOverlay overlay : overlays) {
            String namespace =
                    overlay.configValue("shop-config", "SHOP_NAMESPACE").orElse(Topology.DEFAULT_NAMESPACE);
            Topology topology = new Topology(namespace);
            Map<String, String> expected = Map.of(
                    "sales-projector",
                    topology.salesProjectorQueue(),
                    "notification-service",
                    topology.notificationQueue());
            Map<String, String> actual = new TreeMap<>();
            for (Node scaled : overlay.ofKind("ScaledObject")) {
                assertThat(scaled.at("spec.minReplicaCount").value())
                        .as("%s: %s min", overlay, scaled)
                        .isNotNull();
                assertThat(scaled.at("spec.maxReplicaCount").value())
                        .as("%s: %s max", overlay, scaled)
                        .isNotNull();
                assertThat(scaled.at("spec.cooldownPeriod").value())
                        .as("%s: %s cooldown", overlay, scaled)
                        .isNotNull();
                for (Node trigger : scaled.at("spec.triggers").list()) {
                    assertThat(trigger.at("type").text()).isEqualTo("rabbitmq");
                    // over AMQP KEDA would count only ready messages; the management API counts unacknowledged ones too
                    assertThat(trigger.at("metadata.protocol").text())
                            .as("%s: %s protocol", overlay, scaled)
                            .isEqualTo("http");
                    assertThat(trigger.at("metadata.mode").text()).isEqualTo("QueueLength");
                    String auth = trigger.at("authenticationRef.name").text();
                    assertThat(overlay.find("TriggerAuthentication", auth))
                            .as("%s: TriggerAuthentication %s", overlay, auth)
                            .isPresent();
                    actual.put(
                            scaled.at("spec.scaleTargetRef.name").text(),
                            trigger.at("metadata.queueName").text());
                }
            }
            assertThat(actual).as("%s: scale target -> queue", overlay).isEqualTo(new TreeMap<>(expected));
        }
    }

    @Test
    void kedaAndWebUiReadQueueDepthsAsMonitorNeverAsAdministrator() {
        for (RenderedOverlay overlay : overlays) {
            Node auth =
                    overlay.find("TriggerAuthentication", "rabbitmq-management").orElseThrow();
            Map<String, String> secretOf = new TreeMap<>();
            auth.at("spec.secretTargetRef")
                    .list()
                    .forEach(ref -> secretOf.put(
                            ref.at("parameter").text(), ref.at("name").text()));
            String secret = secretOf.get("username");
            assertThat(secretOf.get("password"))
                    .as("%s: KEDA's password", overlay)
                    .isEqualTo(secret);
            assertThat(secret).as("%s: KEDA's login", overlay).isNotEqualTo("shop-rabbitmq-default-user");
            Node login = overlay.find("Secret", secret).orElseThrow();
            assertThat(RenderedOverlay.decode(login.at("data").map().get("username")))
                    .as("%s: %s username", overlay, secret)
                    .isEqualTo(MONITOR_USER);

            Map<String, RenderedOverlay.SecretKey> webUi =
                    overlay.secretFilesOf(overlay.deploymentsOf("web-ui").get(0));
            for (String variable : List.of("RABBITMQ_MANAGEMENT_USER", "RABBITMQ_MANAGEMENT_PASSWORD")) {
                assertThat(webUi.get(variable))
                        .as("%s: web-ui %s", overlay, variable)
                        .isEqualTo(new RenderedOverlay.SecretKey(
                                secret, variable.endsWith("USER") ? "username" : "password"));
            }

            if (overlay.overlay.equals("production")) {
                Node user = overlay.ofKind("User").stream()
                        .filter(u -> secret.equals(
                                u.at("spec.importCredentialsSecret.name").text()))
                        .findFirst()
                        .orElseThrow();
                assertThat(user.at("spec.tags").list()).extracting(Node::text).containsExactly("monitoring");
                Node permission = overlay.ofKind("Permission").stream()
                        .filter(p -> user.name()
                                .equals(p.at("spec.userReference.name").text()))
                        .findFirst()
                        .orElseThrow();
                assertThat(permission.at("spec.permissions").map())
                        .as("production: no resource of the broker")
                        .isEqualTo(Map.of("configure", "^$", "write", "^$", "read", "^$"));
            } else {
                Node job = overlay.find("Job", "rabbitmq-monitor-user").orElseThrow();
                Node container = job.at("spec.template.spec.containers").list().get(0);
                String script = String.join(
                        " ",
                        container.at("args").list().stream().map(Node::text).toList());
                assertThat(script).contains("tags=monitoring", "configure='^$' write='^$' read='^$'");
                assertThat(container.at("env").list())
                        .anyMatch(e -> secret.equals(
                                e.at("valueFrom.secretKeyRef.name").text()));
            }
        }
    }

    @Test
    void productionRunsShopImagesByDigestsItsOverlayNames() {
        RenderedOverlay production = overlays.get(1);
        for (ShopContainer c : production.shopContainers()) {
            assertThat(c.container().at("image").text()).as("production: %s", c).matches(".+@sha256:[^/:@]+$");
        }
    }

    @Test
    void productionRefusesAPlainTagForEveryImageThirdPartyOnesToo() {
        RenderedOverlay production = overlays.get(1);
        List<String> images = new ArrayList<>();
        production.resources.forEach(resource -> imagesIn(resource.value(), images));

        assertThat(images)
                .as("the images production names")
                .isNotEmpty()
                .anySatisfy(image -> assertThat(image).contains("rabbitmq"))
                .anySatisfy(image -> assertThat(image).contains("postgresql"));
        assertThat(images)
                .as("L-23: a tag can be moved to other bits; a digest cannot")
                .allSatisfy(image -> assertThat(image).matches(".+@sha256:[^/:@]+$"));
    }

    /** Every value of a key {@code image} or {@code imageName} (pods, jobs, and the operators' clusters). */
    private static void imagesIn(Object yaml, List<String> images) {
        if (yaml instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (("image".equals(key) || "imageName".equals(key)) && value instanceof String image) {
                    images.add(image);
                } else {
                    imagesIn(value, images);
                }
            });
        } else if (yaml instanceof List<?> list) {
            list.forEach(item -> imagesIn(item, images));
        }
    }

    @Test
    void eachServiceGetsOnlyItsSecretsTheBrokerPasswordOnlyWithAmqp() {
        for (RenderedOverlay overlay : overlays) {
            for (ShopContainer c : overlay.shopContainers()) {
                Set<String> environment = overlay.environmentOf(c);
                assertThat(environment).as("%s: %s", overlay, c).doesNotContain("RABBITMQ_PASSWORD");
                if (c.module().equals("web-ui")) {
                    assertThat(environment).as("%s: %s", overlay, c).doesNotContain("LICENCE_SIGNING_KEY");
                    // the broker URI names the virtual host only: a plain value without the broker's password
                    Node uri = c.container().at("env").list().stream()
                            .filter(e -> "RABBITMQ_URI".equals(e.at("name").text()))
                            .findFirst()
                            .orElseThrow();
                    assertThat(uri.at("value").text())
                            .as("%s: web-ui RABBITMQ_URI", overlay)
                            .doesNotContain("@");
                    assertThat(RenderedOverlay.secretSourcesOf(c.podSpec(), null))
                            .extracting(source -> source.at("name").text())
                            .noneMatch(name -> RenderedOverlay.isNamed(name, "broker-secrets"));
                } else {
                    assertThat(environment)
                            .as("%s: %s", overlay, c)
                            .doesNotContain("CSRF_SECRET", "STAFF_USERS", "STAFF_TOKEN_SIGNING_KEY");
                }
                // L-19: web-ui alone can mint staff tokens; command-api checks them with the public key only
                assertThat(environment).as("%s: %s", overlay, c).doesNotContain("JWT_SECRET");
                assertThat(environment.contains("STAFF_TOKEN_PUBLIC_KEY"))
                        .as("%s: %s", overlay, c)
                        .isEqualTo(c.module().equals("web-ui") || c.module().equals("command-api"));
            }
        }
    }

    @Test
    void productionRoutesSendHstsAndForbidFramingAndSniffing() {
        RenderedOverlay production = overlays.get(1);
        for (Node route : production.ofKind("IngressRoute")) {
            for (Node rule : route.at("spec.routes").list()) {
                List<String> names = rule.at("middlewares").list().stream()
                        .map(m -> m.at("name").text())
                        .toList();
                assertThat(names).as("production %s", rule.at("match").text()).contains("security-headers");
            }
        }
        Node headers =
                production.find("Middleware", "security-headers").orElseThrow().at("spec.headers");
        assertThat(headers.at("frameDeny").value()).isEqualTo(true);
        assertThat(headers.at("contentTypeNosniff").value()).isEqualTo(true);
        assertThat((Integer) headers.at("stsSeconds").value()).isGreaterThanOrEqualTo(15_552_000);
    }

    @Test
    void egressToTheServersNamesPodsOrAddressesNeverAPortAlone() {
        for (RenderedOverlay overlay : overlays) {
            for (Node policy : overlay.ofKind("NetworkPolicy")) {
                for (Node rule : policy.at("spec.egress").list()) {
                    boolean dnsOnly = rule.at("ports").list().stream()
                            .allMatch(
                                    p -> Integer.valueOf(53).equals(p.at("port").value()));
                    assertThat(dnsOnly || !rule.at("to").list().isEmpty())
                            .as("%s: %s egress %s", overlay, policy, rule.value())
                            .isTrue();
                }
            }
        }
    }

    @Test
    void localServersRunLikeShopPodsWithoutTokenPrivilegesOrWritableRoot() {
        RenderedOverlay local = overlays.get(0);
        for (String server : List.of("postgres", "rabbitmq", "mailpit", "jaeger")) {
            Node workload = local.resources.stream()
                    .filter(r -> server.equals(r.name())
                            && ("StatefulSet".equals(r.kind()) || "Deployment".equals(r.kind())))
                    .findFirst()
                    .orElseThrow();
            Node pod = workload.at("spec.template.spec");
            assertThat(pod.at("automountServiceAccountToken").value())
                    .as("%s token", server)
                    .isEqualTo(false);
            assertThat(pod.at("securityContext.runAsNonRoot").value())
                    .as("%s non-root", server)
                    .isEqualTo(true);
            assertThat(pod.at("securityContext.seccompProfile.type").text())
                    .as("%s seccomp", server)
                    .isEqualTo("RuntimeDefault");
            Node container = pod.at("containers").list().get(0);
            assertThat(container.at("securityContext.readOnlyRootFilesystem").value())
                    .as("%s read-only root", server)
                    .isEqualTo(true);
            assertThat(container.at("securityContext.allowPrivilegeEscalation").value())
                    .as("%s escalation", server)
                    .isEqualTo(false);
            assertThat(container.at("securityContext.capabilities.drop").list())
                    .extracting(Node::text)
                    .as(server)
                    .containsExactly("ALL");
        }
    }

    @Test
    void theWebUiAndTheCommandApiScaleOnCpu() {
        for (RenderedOverlay overlay : overlays) {
            Map<String, String> metricByTarget = new TreeMap<>();
            for (Node hpa : overlay.ofKind("HorizontalPodAutoscaler")) {
                metricByTarget.put(
                        hpa.at("spec.scaleTargetRef.name").text(),
                        hpa.at("spec.metrics").list().get(0).at("resource.name").text());
                assertThat((Integer) hpa.at("spec.minReplicas").value())
                        .as("%s: %s keeps two for disruptions", overlay, hpa)
                        .isGreaterThanOrEqualTo(2);
            }
            assertThat(metricByTarget).isEqualTo(Map.of("command-api", "cpu", "web-ui", "cpu"));
        }
    }

    @Test
    void referencedSecretsAndTriggerAuthenticationsExistOrAnOperatorMakesThem() {
        Set<String> madeByOperators =
                Set.of("shop-db-app", "shop-db-superuser", "shop-rabbitmq-default-user", "smtp-secrets");
        for (RenderedOverlay overlay : overlays) {
            for (Node auth : overlay.ofKind("TriggerAuthentication")) {
                for (Node ref : auth.at("spec.secretTargetRef").list()) {
                    String name = ref.at("name").text();
                    assertThat(overlay.find("Secret", name).isPresent() || madeByOperators.contains(name))
                            .as("%s: %s reads Secret %s", overlay, auth, name)
                            .isTrue();
                }
            }
            for (Node workload : overlay.resources) {
                for (Node source : RenderedOverlay.secretSourcesOf(podSpecOf(workload), null)) {
                    String secret = source.at("name").text();
                    assertThat(overlay.find("Secret", secret).isPresent()
                                    || madeByOperators.contains(secret)
                                    || Boolean.TRUE.equals(source.at("optional").value()))
                            .as("%s: %s mounts Secret %s", overlay, workload, secret)
                            .isTrue();
                }
            }
            for (ShopContainer c : overlay.shopContainers()) {
                for (Node from : c.container().at("envFrom").list()) {
                    String secret = from.at("secretRef.name").text();
                    if (secret != null
                            && !Boolean.TRUE.equals(
                                    from.at("secretRef.optional").value())) {
                        assertThat(overlay.find("Secret", secret))
                                .as("%s: %s takes Secret %s", overlay, c, secret)
                                .isPresent();
                    }
                }
            }
        }
    }

    @Test
    void everyPublicRouteDropsTheClientsTraceContext() {
        for (RenderedOverlay overlay : overlays) {
            assertThat(overlay.find("Middleware", "edge-trace"))
                    .as("%s: the edge-trace middleware", overlay)
                    .hasValueSatisfying(middleware -> assertThat(middleware
                                    .at("spec.headers.customRequestHeaders")
                                    .value())
                            .isEqualTo(Map.of("traceparent", "", "tracestate", "", "baggage", "")));
            for (Node route : overlay.ofKind("IngressRoute")) {
                for (Node rule : route.at("spec.routes").list()) {
                    assertThat(rule.at("middlewares").list())
                            .as("%s: %s", overlay, rule.at("match").text())
                            .anyMatch(m -> "edge-trace".equals(m.at("name").text()));
                }
            }
        }
    }

    @Test
    void placingAnOrderGoesThroughTheEdgeRateLimit() {
        for (RenderedOverlay overlay : overlays) {
            assertThat(overlay.find("Middleware", "order-limit"))
                    .as("%s: the order-limit middleware", overlay)
                    .hasValueSatisfying(middleware -> assertThat(
                                    middleware.at("spec.rateLimit.average").value())
                            .isNotNull());
            List<String> limited = new ArrayList<>();
            for (Node route : overlay.ofKind("IngressRoute")) {
                for (Node rule : route.at("spec.routes").list()) {
                    String match = rule.at("match").text();
                    if (match.contains("Path(`/api/orders`)") || match.contains("Path(`/orders`)")) {
                        assertThat(match).as("%s", overlay).contains("Method(`POST`)");
                        assertThat(rule.at("middlewares").list())
                                .as("%s: %s", overlay, match)
                                .anyMatch(m -> "order-limit".equals(m.at("name").text()));
                        limited.add(match);
                    }
                }
            }
            assertThat(limited)
                    .as("%s: the web shop's and the API's order placement", overlay)
                    .hasSize(2);
        }
    }

    @Test
    void routesSendComposesHostsToTheSameServicesNeverAManagementEndpoint() {
        for (RenderedOverlay overlay : overlays) {
            assertThat(overlay.ofKind("Ingress"))
                    .as("%s: a plain Ingress cannot leave out management paths", overlay)
                    .isEmpty();
            Map<String, String> routed = new TreeMap<>();
            Map<String, List<String>> rulesByService = new TreeMap<>();
            for (Node route : overlay.ofKind("IngressRoute")) {
                for (Node rule : route.at("spec.routes").list()) {
                    String match = rule.at("match").text();
                    String target = rule.at("services").list().get(0).at("name").text();
                    hostsIn(match).forEach(host -> routed.put(host, target));
                    rulesByService
                            .computeIfAbsent(target, t -> new ArrayList<>())
                            .add(match);
                }
            }
            rulesByService.forEach((target, rules) ->
                    assertRoutesOnlyThePublicPaths(overlay + " " + target, rules, serviceOf(target)));
            if (overlay.overlay.equals("local")) {
                assertThat(routed)
                        .as("local routes = docker-compose.yml's Traefik routes")
                        .isEqualTo(new TreeMap<>(ComposeFile.load().routedHosts()));
                assertThat(routed).isEqualTo(new TreeMap<>(ServiceEndpoints.ROUTED_HOSTS));
            } else {
                assertThat(new TreeMap<>(routed).values())
                        .as("%s routes the same services", overlay)
                        .containsExactlyInAnyOrder("command-api", "web-ui");
            }
        }
    }

    @Test
    void everyPodOfTheShopStartsFromDenyAllNetworkPolicies() {
        for (RenderedOverlay overlay : overlays) {
            Node denyAll = overlay.ofKind("NetworkPolicy").stream()
                    .filter(p -> p.at("spec.ingress").list().isEmpty()
                            && p.at("spec.policyTypes").list().stream()
                                    .map(Node::text)
                                    .toList()
                                    .containsAll(List.of("Ingress", "Egress")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + " has no deny-all policy"));
            Map<String, Object> selector =
                    denyAll.at("spec.podSelector.matchLabels").map();
            for (ShopContainer c : overlay.shopContainers()) {
                Map<String, Object> labels = "CronJob".equals(c.workload().kind())
                        ? c.workload()
                                .at("spec.jobTemplate.spec.template.metadata.labels")
                                .map()
                        : overlay.podLabels(c.workload());
                assertThat(labels)
                        .as("%s: %s is covered by %s", overlay, c, denyAll)
                        .containsAllEntriesOf(selector);
            }
        }
    }

    @Test
    void opsJobsRunTheProjectorRebuildAndTheCommandApiReplay() {
        for (RenderedOverlay overlay : overlays) {
            Node rebuild = overlay.find("CronJob", "sales-projection-rebuild").orElseThrow();
            assertThat(rebuild.at("spec.suspend").value())
                    .as("runs on demand only")
                    .isEqualTo(true);
            Node container = rebuild.at("spec.jobTemplate.spec.template.spec.containers")
                    .list()
                    .get(0);
            assertThat(RenderedOverlay.moduleOf(container.at("image").text())).hasValue("sales-projector");
            assertThat(container.at("args").list()).extracting(Node::text).containsExactly("rebuild");
            Node replay = overlay.find("CronJob", "ops-replay").orElseThrow();
            assertThat(replay.at("spec.suspend").value()).isEqualTo(true);
            assertThat(replay.at("spec.jobTemplate.spec.template.spec.containers")
                            .list()
                            .get(0)
                            .at("args")
                            .list()
                            .get(0)
                            .text())
                    .contains("/api/ops/replay");
        }
    }

    @Test
    void imagesHavePinnedTagsAndShopImagesTheProjectsVersionLocally() {
        for (RenderedOverlay overlay : overlays) {
            for (Node workload : overlay.resources) {
                for (String image : imagesIn(workload)) {
                    assertThat(image)
                            .as("%s: %s image", overlay, workload)
                            .matches(".+:[^/:]+$")
                            .doesNotEndWith(":latest");
                }
            }
            if (overlay.overlay.equals("local")) {
                overlay.shopContainers()
                        .forEach(c ->
                                assertThat(c.container().at("image").text()).endsWith(":" + Repository.VERSION));
            }
        }
    }

    @Test
    void noSecretIsCommittedGitIgnoresTheOverlaysSecretFiles() throws IOException {
        List<String> secretFiles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repository.ROOT.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .toList()) {
                Node kustomization = new Node(new org.yaml.snakeyaml.Yaml().load(Files.readString(file)));
                for (Node generator : kustomization.at("secretGenerator").list()) {
                    generator
                            .at("envs")
                            .list()
                            .forEach(env -> secretFiles.add(Repository.ROOT
                                    .relativize(file.getParent().resolve(env.text()))
                                    .toString()));
                    generator
                            .at("literals")
                            .list()
                            .forEach(literal -> assertThat(literal.text().toLowerCase())
                                    .as("%s: a literal in a secretGenerator is committed", file)
                                    .doesNotContain("password", "secret", "token"));
                }
            }
            try (Stream<Path> yamls = Files.walk(Repository.ROOT.resolve("deploy/k8s"))) {
                for (Path yaml :
                        yamls.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    assertThat(Files.readString(yaml))
                            .as("%s: a Secret in a committed manifest", yaml)
                            .doesNotContainPattern("(?m)^kind: Secret$");
                }
            }
        }
        assertThat(secretFiles).isNotEmpty();
        assertThat(Repository.ignoredByGit(secretFiles))
                .as("git-ignored secret env files")
                .containsExactlyInAnyOrderElementsOf(secretFiles);
    }

    /** L-24: the Secrets each module may mount, by their names before Kustomize's hash; shop-db-<module> its own only. */
    private static final Map<String, Set<String>> MAY_MOUNT = Map.of(
            "shop-secrets", Set.of("command-api", "sales-projector", "notification-service", "web-ui"),
            "broker-secrets", Set.of("command-api", "sales-projector", "notification-service"),
            "licence-secrets", Set.of("command-api"),
            // command-api: the public key only (below)
            "web-ui-secrets", Set.of("web-ui", "command-api"),
            "payment-secrets", Set.of("command-api"),
            "smtp-secrets", Set.of("notification-service"),
            // the read-only broker login for queue depths (local, production)
            "keda-rabbitmq", Set.of("web-ui"),
            "shop-rabbitmq-monitor", Set.of("web-ui"));

    @Test
    void podsReadTheirOwnSecretsAsFilesNeverFromTheEnvironment() {
        for (RenderedOverlay overlay : overlays) {
            for (Node workload : overlay.resources) {
                Node pod = podSpecOf(workload);
                if (!"licence-shop".equals(String.valueOf(podLabelsOf(workload).get("app.kubernetes.io/part-of")))) {
                    continue;
                }
                for (Node container : pod.at("containers").list()) {
                    assertThat(container.at("envFrom").list())
                            .as("%s: %s takes a whole Secret into its environment", overlay, workload)
                            .noneMatch(e -> e.at("secretRef").exists());
                    assertThat(container.at("env").list())
                            .as("%s: %s has a Secret's key in its environment", overlay, workload)
                            .noneMatch(e -> e.at("valueFrom.secretKeyRef").exists());
                    for (Node mount : container.at("volumeMounts").list()) {
                        boolean secretVolume = !RenderedOverlay.secretSourcesOf(
                                        pod, mount.at("name").text())
                                .isEmpty();
                        assertThat(!secretVolume
                                        || Boolean.TRUE.equals(
                                                mount.at("readOnly").value()))
                                .as(
                                        "%s: %s mounts %s writable",
                                        overlay, workload, mount.at("mountPath").text())
                                .isTrue();
                    }
                }
            }
            for (ShopContainer c : overlay.shopContainers()) {
                String directory = overlay.valueOf(c.container(), "SHOP_SECRETS_DIR")
                        .orElseThrow(() -> new AssertionError(overlay + ": " + c + " has no SHOP_SECRETS_DIR"));
                assertThat(c.container().at("volumeMounts").list())
                        .as("%s: %s mounts its secrets at %s", overlay, c, directory)
                        .anyMatch(m -> directory.equals(m.at("mountPath").text()));
                assertThat(overlay.secretFilesOf(c))
                        .as("%s: %s secret files", overlay, c)
                        .containsKey("DATABASE_PASSWORD");
            }
        }
    }

    @Test
    void eachServiceMountsOnlyItsOwnSecretsNeverAnotherServicesDatabaseLogin() {
        for (RenderedOverlay overlay : overlays) {
            for (ShopContainer c : overlay.shopContainers()) {
                for (Node source : RenderedOverlay.secretSourcesOf(c.podSpec(), null)) {
                    String secret = source.at("name").text();
                    if (secret.startsWith("shop-db-")) {
                        assertThat(RenderedOverlay.isNamed(secret, "shop-db-" + c.module()))
                                .as("%s: %s mounts %s, another service's database login", overlay, c, secret)
                                .isTrue();
                        continue;
                    }
                    String base = MAY_MOUNT.keySet().stream()
                            .filter(name -> RenderedOverlay.isNamed(secret, name))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(
                                    overlay + ": " + c + " mounts " + secret + ", which no service is meant to read"));
                    assertThat(MAY_MOUNT.get(base))
                            .as("%s: %s mounts %s", overlay, c, secret)
                            .contains(c.module());
                    if (base.equals("web-ui-secrets") && c.module().equals("command-api")) {
                        assertThat(source.at("items").list())
                                .as("%s: command-api takes web-ui's public key only", overlay)
                                .extracting(item -> item.at("key").text())
                                .containsExactly("STAFF_TOKEN_PUBLIC_KEY");
                    }
                }
            }
        }
    }

    @Test
    void everyServiceLogsInAsItsOwnDatabaseRoleNeverTheOwner() throws IOException {
        String rolesSql = Files.readString(Repository.ROOT.resolve("tools/database/roles.sql"));
        for (RenderedOverlay overlay : overlays) {
            assertThat(overlay.configValue("shop-config", "DATABASE_USER"))
                    .as("%s: one login for everyone in the ConfigMap", overlay)
                    .isEmpty();
            Set<String> roles = new java.util.TreeSet<>();
            for (ShopContainer c : overlay.shopContainers()) {
                String role = "shop_" + c.module().replace('-', '_');
                roles.add(role);
                assertThat(overlay.valueOf(c.container(), "DATABASE_USER"))
                        .as("%s: %s DATABASE_USER", overlay, c)
                        .hasValue(role);
                RenderedOverlay.SecretKey password = overlay.secretFilesOf(c).get("DATABASE_PASSWORD");
                assertThat(password)
                        .as("%s: %s DATABASE_PASSWORD file", overlay, c)
                        .isNotNull();
                assertThat(RenderedOverlay.isNamed(password.secret(), "shop-db-" + c.module()))
                        .as("%s: %s DATABASE_PASSWORD from %s", overlay, c, password.secret())
                        .isTrue();
                Node login = overlay.find("Secret", password.secret()).orElseThrow();
                assertThat(RenderedOverlay.decode(login.at("data").map().get("username")))
                        .as("%s: %s username", overlay, password.secret())
                        .isEqualTo(role);
            }
            assertThat(roles).doesNotContain("shop").hasSize(4);

            // the Job that applies roles.sql: the very file, as the administrator
            Node job = overlay.find("Job", "database-roles").orElseThrow();
            Node jobPod = job.at("spec.template.spec");
            String sqlMap = jobPod.at("volumes").list().stream()
                    .map(v -> v.at("configMap.name").text())
                    .filter(name -> name != null && RenderedOverlay.isNamed(name, "database-roles-sql"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": the Job database-roles mounts no roles.sql"));
            assertThat(String.valueOf(overlay.find("ConfigMap", sqlMap)
                            .orElseThrow()
                            .at("data")
                            .map()
                            .get("roles.sql")))
                    .as("%s: the Job runs tools/database/roles.sql", overlay)
                    .isEqualTo(rolesSql);
            assertThat(String.join(
                            " ",
                            jobPod.at("containers").list().get(0).at("args").list().stream()
                                    .map(Node::text)
                                    .toList()))
                    .contains("-f /sql/roles.sql", "role_prefix=shop_");

            if (overlay.overlay.equals("production")) {
                Node cluster = overlay.find("Cluster", "shop-db").orElseThrow();
                String owner = cluster.at("spec.bootstrap.initdb.owner").text();
                Map<String, String> managed = new TreeMap<>();
                cluster.at("spec.managed.roles")
                        .list()
                        .forEach(r -> managed.put(
                                r.at("name").text(), r.at("passwordSecret.name").text()));
                Map<String, String> expected = new TreeMap<>();
                roles.forEach(role ->
                        expected.put(role, "shop-db-" + role.substring(5).replace('_', '-')));
                assertThat(managed)
                        .as("production: CloudNativePG's managed roles")
                        .isEqualTo(expected);
                assertThat(managed).doesNotContainKey(owner);
                assertThat(jobPod.at("volumes").list())
                        .as("production: roles.sql as CloudNativePG's superuser")
                        .anyMatch(v -> "shop-db-superuser"
                                .equals(v.at("secret.secretName").text()));
                assertThat(cluster.at("spec.enableSuperuserAccess").value()).isEqualTo(true);
                assertThat(RenderedOverlay.secretSourcesOf(jobPod, null))
                        .as("production: the Job leaves the roles' passwords to CloudNativePG and holds none")
                        .extracting(source -> source.at("name").text())
                        .noneMatch(name -> name.startsWith("shop-db-") && !name.equals("shop-db-superuser"));
            }
        }
    }

    private static Node podSpecOf(Node workload) {
        return switch (java.util.Objects.requireNonNullElse(workload.kind(), "")) {
            case "Deployment", "StatefulSet", "Job" -> workload.at("spec.template.spec");
            case "CronJob" -> workload.at("spec.jobTemplate.spec.template.spec");
            default -> Node.MISSING;
        };
    }

    private static Map<String, Object> podLabelsOf(Node workload) {
        return "CronJob".equals(workload.kind())
                ? workload.at("spec.jobTemplate.spec.template.metadata.labels").map()
                : workload.at("spec.template.metadata.labels").map();
    }

    private ShopContainer theDeployment(RenderedOverlay overlay, ServiceEndpoints service) {
        List<ShopContainer> deployments = overlay.deploymentsOf(service.module());
        assertThat(deployments)
                .as("%s: Deployment of %s", overlay, service.module())
                .hasSize(1);
        return deployments.get(0);
    }

    private ServiceEndpoints serviceOf(String module) {
        return services.stream()
                .filter(s -> s.module().equals(module))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service " + module));
    }

    /** A container port by name (or number). */
    private static int portNumber(Node container, String nameOrNumber) {
        if (nameOrNumber.matches("\\d+")) {
            return Integer.parseInt(nameOrNumber);
        }
        return container.at("ports").list().stream()
                .filter(p -> nameOrNumber.equals(p.at("name").text()))
                .map(p -> (Integer) p.at("containerPort").value())
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(container.at("name").text() + " has no port named " + nameOrNumber));
    }

    /** The hosts of a Traefik rule. */
    static List<String> hostsIn(String rule) {
        return HOST.matcher(rule).results().map(m -> m.group(1)).toList();
    }

    /**
     * A service's routes (allow-lists) together route its public paths, and none routes a management path (also
     * those the service enables itself) or an in-cluster API path.
     */
    static void assertRoutesOnlyThePublicPaths(String where, List<String> matches, ServiceEndpoints service) {
        List<TraefikRule> rules = matches.stream().map(TraefikRule::parse).toList();
        for (TraefikRule rule : rules) {
            assertThat(TraefikRule.MANAGEMENT_PATHS)
                    .as("%s: %s leaves out", where, rule)
                    .noneMatch(rule::routes);
            assertThat(service.managementPaths())
                    .as("%s: %s leaves out the service's own", where, rule)
                    .noneMatch(rule::routes);
            assertThat(TraefikRule.IN_CLUSTER_PATHS)
                    .as("%s: %s leaves out the in-cluster API", where, rule)
                    .noneMatch(rule::routes);
        }
        assertThat(TraefikRule.PUBLIC_PATHS.get(service.module()))
                .as("%s routes", where)
                .allMatch(path -> rules.stream().anyMatch(rule -> rule.routes(path)));
    }

    private static List<String> imagesIn(Node resource) {
        List<String> images = new ArrayList<>();
        collectImages(resource.value(), images);
        return images;
    }

    private static void collectImages(Object node, List<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (("image".equals(key) || "imageName".equals(key)) && value instanceof String image) {
                    into.add(image);
                } else {
                    collectImages(value, into);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectImages(item, into));
        }
    }
}
