package com.licenceshop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.deploy.RenderedOverlay.ShopContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The images Jib built ({@code <service>/target/jib-image.tar}) against what the manifests and compose expect
 * of them: the user the pods run as, the port they probe, the JVM flags of the ConfigMap, an entrypoint that
 * takes the jobs' arguments ({@code rebuild}, {@code hash-password}), the image names. {@code .ci/run} builds
 * the tarballs first and sets SHOP_REQUIRE_IMAGES, so there a missing tarball fails; elsewhere (a developer's
 * plain {@code mvn -B verify}) the test is reported as skipped with the command that builds them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImagesTest {

    private final List<ServiceEndpoints> services = ServiceEndpoints.all(Repository.ROOT);
    private final RenderedOverlay local = RenderedOverlay.render("local");
    private final ComposeFile compose = ComposeFile.load();

    private ImageTarball image(String module) {
        Path file = ImageTarball.of(module);
        if (!Files.isRegularFile(file)) {
            String build =
                    "build them with tools/images/base-image.sh target/images/jre-base.tar && mvn -B -DskipTests package "
                            + "jib:buildTar -Djib.from.image=tar://$PWD/target/images/jre-base.tar (or without -Djib.from.image where a registry is reachable)";
            if (System.getenv("SHOP_REQUIRE_IMAGES") != null || System.getenv("CI") != null) {
                throw new AssertionError(file + " is missing, and this run requires the images: " + build);
            }
            Assumptions.abort(file + " not built, so the images are not checked: " + build);
        }
        return ImageTarball.read(file);
    }

    @Test
    void eachImageRunsAsTheNonRootUserAndGroupPodsRequire() {
        for (ServiceEndpoints service : services) {
            String user = image(service.module()).config().at("User").text();
            for (ShopContainer c : local.shopContainers().stream()
                    .filter(c -> c.module().equals(service.module()))
                    .toList()) {
                Node pod = c.podSpec().at("securityContext");
                assertThat(user)
                        .as("%s image user vs %s", service.module(), c)
                        .isEqualTo(pod.at("runAsUser").text() + ":"
                                + pod.at("runAsGroup").text());
            }
            assertThat(user).as("%s image user", service.module()).matches("[1-9][0-9]*:[0-9]+");
        }
    }

    @Test
    void eachImageExposesThePortItsDeploymentProbes() {
        for (ServiceEndpoints service : services) {
            Node container = local.deploymentsOf(service.module()).get(0).container();
            Object port = container.at("ports").list().stream()
                    .filter(p -> "http".equals(p.at("name").text()))
                    .map(p -> p.at("containerPort").value())
                    .findFirst()
                    .orElseThrow();
            assertThat(image(service.module()).config().at("ExposedPorts").map().keySet())
                    .as("%s exposed ports", service.module())
                    .containsExactly(port + "/tcp");
        }
    }

    @Test
    void imagesTakeTheConfigMapsJvmFlagsAndWriteOnlyToTmp() {
        String flags = local.configValue("shop-config", "JAVA_TOOL_OPTIONS").orElseThrow();
        assertThat(flags).contains("-Djava.io.tmpdir=/tmp");
        for (ServiceEndpoints service : services) {
            assertThat(image(service.module()).config().at("Env").list())
                    .extracting(Node::text)
                    .as("%s env", service.module())
                    .contains("JAVA_TOOL_OPTIONS=" + flags);
        }
    }

    @Test
    void eachEntrypointStartsTheServiceWithTheArgumentsOfJobsAndCompose() {
        for (ServiceEndpoints service : services) {
            Node config = image(service.module()).config();
            List<String> entrypoint =
                    config.at("Entrypoint").list().stream().map(Node::text).toList();
            assertThat(entrypoint).as("%s entrypoint", service.module()).first().isEqualTo("java");
            assertThat(entrypoint.get(entrypoint.size() - 1))
                    .as("%s main class", service.module())
                    .startsWith("com.licenceshop.");
            // a Cmd would be replaced by `args: [rebuild]` / `command: [hash-password]`, silently changing what runs
            assertThat(config.at("Cmd").list()).as("%s Cmd", service.module()).isEmpty();
        }
    }

    @Test
    void eachImageIsNamedAsTheManifestsAndComposeRunIt() {
        for (ServiceEndpoints service : services) {
            String tag = image(service.module()).repoTag();
            assertThat(local.shopContainers().stream()
                            .filter(c -> c.module().equals(service.module()))
                            .map(c -> c.container().at("image").text())
                            .distinct()
                            .toList())
                    .as("%s images in overlays/local", service.module())
                    .containsExactly(tag);
            assertThat(compose.service(service.module()).at("image").text())
                    .as("%s image in compose", service.module())
                    .isEqualTo(tag);
        }
        assertThat(ComposeFile.load("compose.hash-password.yml")
                        .service("hash-password")
                        .at("image")
                        .text())
                .isEqualTo(Objects.requireNonNull(image("web-ui").repoTag()));
    }
}
