package com.licenceshop.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * One overlay of deploy/k8s as {@code kubectl kustomize} renders it. It renders a copy in target/, where
 * each git-ignored {@code secrets/*.env} is made from its committed {@code .env.example}, so the checkout
 * stays untouched and no real secret is needed.
 */
final class RenderedOverlay {

    /** A container of one of the shop's own images, in the pod spec that runs it. */
    record ShopContainer(String module, Node workload, Node podSpec, Node container) {
        @Override
        public String toString() {
            return workload + " (" + container.at("name").text() + ")";
        }
    }

    private static final Path COPY = Path.of("target", "k8s-render").toAbsolutePath();
    private static boolean copied;

    final String overlay;
    final List<Node> resources;

    private RenderedOverlay(String overlay, List<Node> resources) {
        this.overlay = overlay;
        this.resources = resources;
    }

    static synchronized RenderedOverlay render(String overlay) {
        Path copy = copyOfDeployTree();
        String yaml = Repository.run(copy, "kubectl", "kustomize", "overlays/" + overlay);
        List<Node> resources = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                resources.add(new Node(document));
            }
        }
        return new RenderedOverlay(overlay, resources);
    }

    private static Path copyOfDeployTree() {
        Path source = Repository.ROOT.resolve("deploy/k8s");
        try {
            if (!copied) {
                deleteCopy();
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Path target = COPY.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(target);
                        } else if (!file.toString().endsWith(".env")
                                || !file.getParent().endsWith("secrets")) {
                            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                try (Stream<Path> examples = Files.walk(COPY)) {
                    for (Path example : examples.filter(p -> p.toString().endsWith(".env.example"))
                            .toList()) {
                        String name = example.getFileName().toString();
                        Files.copy(
                                example,
                                example.resolveSibling(name.substring(0, name.length() - ".example".length())));
                    }
                }
                copied = true;
            }
            return COPY;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteCopy() throws IOException {
        if (Files.exists(COPY)) {
            try (Stream<Path> files = Files.walk(COPY)) {
                for (Path file :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    List<Node> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.kind())).toList();
    }

    Optional<Node> find(String kind, String name) {
        return resources.stream().filter(r -> r.is(kind, name)).findFirst();
    }

    /** Every container that runs one of the shop's images, in Deployments and (ops) CronJobs. */
    List<ShopContainer> shopContainers() {
        List<ShopContainer> found = new ArrayList<>();
        for (Node workload : resources) {
            Node podSpec = switch (Objects.requireNonNullElse(workload.kind(), "")) {
                case "Deployment", "StatefulSet" -> workload.at("spec.template.spec");
                case "CronJob" -> workload.at("spec.jobTemplate.spec.template.spec");
                default -> Node.MISSING;
            };
            for (Node container : podSpec.at("containers").list()) {
                moduleOf(container.at("image").text())
                        .ifPresent(module -> found.add(new ShopContainer(module, workload, podSpec, container)));
            }
        }
        return found;
    }

    List<ShopContainer> deploymentsOf(String module) {
        return shopContainers().stream()
                .filter(c -> c.module().equals(module)
                        && "Deployment".equals(c.workload().kind()))
                .toList();
    }

    /** {@code licence-shop/web-ui:tag} or {@code registry/…/licence-shop/web-ui@sha256:…} → web-ui. */
    static Optional<String> moduleOf(String image) {
        if (image == null) {
            return Optional.empty();
        }
        String repository = image.replaceAll("@sha256:[^/]+$", "").replaceAll(":[^/:]+$", "");
        int slash = repository.lastIndexOf('/');
        boolean ours = slash > 0 && repository.substring(0, slash).endsWith("licence-shop");
        return ours ? Optional.of(repository.substring(slash + 1)) : Optional.empty();
    }

    /** The variables a container gets: its env entries and every key of the ConfigMaps and Secrets it takes whole. */
    Set<String> environmentOf(Node container) {
        Set<String> names = new TreeSet<>();
        container.at("env").list().forEach(e -> names.add(e.at("name").text()));
        for (Node source : container.at("envFrom").list()) {
            if (source.at("configMapRef").exists()) {
                find("ConfigMap", source.at("configMapRef.name").text())
                        .ifPresent(c -> names.addAll(c.at("data").map().keySet()));
            }
            if (source.at("secretRef").exists()) {
                find("Secret", source.at("secretRef.name").text()).ifPresent(s -> {
                    names.addAll(s.at("data").map().keySet());
                    names.addAll(s.at("stringData").map().keySet());
                });
            }
        }
        return names;
    }

    /** A ConfigMap value as the pods see it. */
    Optional<String> configValue(String configMapPrefix, String key) {
        return ofKind("ConfigMap").stream()
                .filter(c -> c.name().startsWith(configMapPrefix))
                .map(c -> c.at("data").map().get(key))
                .filter(Objects::nonNull)
                .map(String::valueOf)
                .findFirst();
    }

    static String decode(Object base64) {
        return new String(Base64.getDecoder().decode(String.valueOf(base64)), java.nio.charset.StandardCharsets.UTF_8);
    }

    Map<String, Object> podLabels(Node workload) {
        return workload.at("spec.template.metadata.labels").map();
    }

    @Override
    public String toString() {
        return "overlays/" + overlay;
    }
}
