package com.licenceshop.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml against the services' own configuration, like {@link KubernetesManifestsTest} for Kubernetes. */
class ComposeFileTest {

    private static final Pattern HEALTH_URL = Pattern.compile("http://localhost:(\\d+)(/\\S*)");

    private final List<ServiceEndpoints> services = ServiceEndpoints.all(Repository.ROOT);
    private final ComposeFile compose = ComposeFile.load();

    @Test
    void each_service_runs_the_image_jib_builds_for_it_tagged_with_the_projects_version() {
        for (ServiceEndpoints service : services) {
            Node definition = compose.service(service.module());
            // one way to build an image (docs/adr/0004-container-images.md): Jib, not a compose build section
            assertThat(definition.at("build").exists()).as("%s has a build section", service.module()).isFalse();
            assertThat(definition.at("image").text()).as("%s image", service.module())
                    .isEqualTo("licence-shop/" + service.module() + ":" + Repository.VERSION);
        }
    }

    @Test
    void each_health_check_asks_the_services_health_endpoint_on_the_port_it_listens_on() {
        for (ServiceEndpoints service : services) {
            String test = String.join(" ", compose.service(service.module()).at("healthcheck.test").list().stream().map(Node::text).toList());
            Matcher url = HEALTH_URL.matcher(test);
            assertThat(url.find()).as("%s health check %s", service.module(), test).isTrue();
            String port = compose.environment(service.module()).getOrDefault("MICRONAUT_SERVER_PORT", String.valueOf(service.httpPort()));
            int managementPort = service.managementPort() == service.httpPort() ? Integer.parseInt(port) : service.managementPort();
            assertThat(Integer.parseInt(url.group(1))).as("%s health check port", service.module()).isEqualTo(managementPort);
            assertThat(url.group(2)).as("%s health check path", service.module()).startsWith(service.healthPath());
        }
    }

    @Test
    void every_variable_a_service_needs_is_set_for_it() {
        for (ServiceEndpoints service : services) {
            assertThat(compose.environment(service.module()).keySet()).as("%s environment", service.module())
                    .containsAll(service.requiredVariables());
        }
    }

    @Test
    void traefik_routes_the_two_hosts_and_never_a_management_endpoint() {
        assertThat(compose.routedHosts()).isEqualTo(ServiceEndpoints.ROUTED_HOSTS);
        compose.routerRules().forEach((rule, service) -> KubernetesManifestsTest.assertLeavesOutManagement(service, rule,
                services.stream().filter(s -> s.module().equals(service)).findFirst().orElseThrow()));
    }

    @Test
    void every_image_is_pinned_to_a_tag() {
        for (ComposeFile file : List.of(compose, ComposeFile.load("compose.hash-password.yml"))) {
            file.services().forEach((name, definition) -> assertThat(new Node(definition).at("image").text())
                    .as("%s: image of %s", file.file(), name).matches(".+:[^/:]+$").doesNotEndWith(":latest"));
        }
    }

    @Test
    void a_staff_password_is_hashed_with_the_web_ui_image_itself_without_any_secret_set() throws IOException {
        ComposeFile hashing = ComposeFile.load("compose.hash-password.yml");
        Node service = hashing.service("hash-password");
        assertThat(service.at("image").text()).isEqualTo(compose.service("web-ui").at("image").text());
        assertThat(service.at("command").list()).extracting(Node::text).containsExactly("hash-password");
        // compose interpolates the whole file before it picks a service, so a ${VAR:?} here would refuse to run
        assertThat(Files.readString(Repository.ROOT.resolve("compose.hash-password.yml"))).doesNotContain("${");
        // that the image's entrypoint passes `hash-password` on: ContainerImagesTest
    }
}
