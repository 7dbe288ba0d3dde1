package com.licenceshop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * L-23 beyond the production overlay: what is installed once per cluster (deploy/k8s/cluster: the operators, KEDA,
 * Traefik) names every image by digest, as the overlay does, and the runbook installs each from its pinned file.
 * A placeholder digest passes here on purpose (no registry is reachable from the build machines); it fails at the
 * pull, so nothing runs an image nobody chose.
 */
class ClusterPinsTest {

    private static final Path CLUSTER = Repository.ROOT.resolve("deploy/k8s/cluster");
    private static final String DIGEST = ".+@sha256:[^/:@]+$";

    @Test
    void everyHelmValuesFilePinsEachImageTagToADigest() throws IOException {
        List<Path> values = files("-values.yaml");
        assertThat(values)
                .extracting(p -> p.getFileName().toString())
                .contains("cloudnative-pg-values.yaml", "keda-values.yaml", "traefik-values.yaml");
        for (Path file : values) {
            List<String> tags = new ArrayList<>();
            collect(new Yaml().load(Files.readString(file)), "tag", tags);
            assertThat(tags).as("%s: image tags", file.getFileName()).isNotEmpty();
            assertThat(tags)
                    .as("%s: a tag can be moved to other bits; a digest cannot", file.getFileName())
                    .allSatisfy(tag -> assertThat(tag).matches(DIGEST));
        }
    }

    @Test
    void releaseManifestOperatorsNameOneReleaseAndADigestPerImage() throws IOException {
        List<Path> kustomizations = files("kustomization.yaml");
        assertThat(kustomizations).isNotEmpty();
        for (Path file : kustomizations) {
            Node kustomization = new Node(new Yaml().load(Files.readString(file)));
            assertThat(kustomization.at("resources").list())
                    .as("%s: release manifests of one version, never latest", file)
                    .isNotEmpty()
                    .allSatisfy(
                            url -> assertThat(url.text())
                                    .matches(
                                            "https://github\\.com/[^/]+/[^/]+/releases/download/v\\d+\\.\\d+\\.\\d+/[^/]+\\.ya?ml"));
            assertThat(kustomization.at("images").list())
                    .as("%s: the operators' images", file)
                    .isNotEmpty()
                    .allSatisfy(image -> assertThat(image.at("digest").text()).startsWith("sha256:"));
        }
    }

    @Test
    void theRunbookInstallsEachOfThemFromItsPinnedFile() throws IOException {
        String runbook = Files.readString(Repository.ROOT.resolve("docs/operations.md"));
        for (Path file : files(".yaml")) {
            String path = Repository.ROOT
                    .relativize(file.getParent().getFileName().toString().equals("cluster") ? file : file.getParent())
                    .toString();
            assertThat(runbook).as("docs/operations.md installs %s", path).contains(path);
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(CLUSTER)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }

    private static void collect(Object yaml, String key, List<String> into) {
        if (yaml instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (key.equals(k) && v != null) {
                    into.add(String.valueOf(v));
                } else {
                    collect(v, key, into);
                }
            });
        } else if (yaml instanceof List<?> list) {
            list.forEach(item -> collect(item, key, into));
        }
    }
}
