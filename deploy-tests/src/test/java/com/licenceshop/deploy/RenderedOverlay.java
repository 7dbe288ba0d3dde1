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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * One overlay of deploy/k8s as {@code kubectl kustomize} renders it. It renders a copy in target/, where
 * each git-ignored {@code secrets/*.env} is made from its committed {@code .env.example}, so the checkout
 * stays untouched and no real secret is needed. The copy keeps the repository's layout for the other directories
 * the base names (tools/database: roles.sql).
 */
final class RenderedOverlay {

    /** A container of one of the shop's own images, in the pod spec that runs it. */
    record ShopContainer(String module, Node workload, Node podSpec, Node container) {
        @Override
        public String toString() {
            return workload + " (" + container.at("name").text() + ")";
        }
    }

    /** A Secret key a container sees as a file of its secrets directory (SHOP_SECRETS_DIR). */
    record SecretKey(String secret, String key) {}

    private static final Path COPY = Path.of("target", "k8s-render").toAbsolutePath();
    /** What the copy holds, relative to the repository (and to the copy). */
    private static final List<String> COPIED = List.of("deploy/k8s", "tools/database");

    private static boolean copied;

    final String overlay;
    final List<Node> resources;

    private RenderedOverlay(String overlay, List<Node> resources) {
        this.overlay = overlay;
        this.resources = resources;
    }

    static synchronized RenderedOverlay render(String overlay) {
        Path copy = copyOfDeployTree();
        String yaml = Repository.run(copy.resolve("deploy/k8s"), "kubectl", "kustomize", "overlays/" + overlay);
        List<Node> resources = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                resources.add(new Node(document));
            }
        }
        return new RenderedOverlay(overlay, resources);
    }

    private static Path copyOfDeployTree() {
        try {
            if (!copied) {
                deleteCopy();
                for (String directory : COPIED) {
                    copyTree(Repository.ROOT.resolve(directory), COPY.resolve(directory));
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

    private static void copyTree(Path source, Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.toString().endsWith(".env")
                        || !file.getParent().endsWith("secrets")) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
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

    /**
     * The variables a container gets: its env entries, every key of the ConfigMaps and Secrets it takes whole, and
     * the files of its secrets directory ({@link #secretFilesOf}).
     */
    Set<String> environmentOf(ShopContainer c) {
        Set<String> names = environmentOf(c.container());
        names.addAll(secretFilesOf(c).keySet());
        return names;
    }

    /** A variable's plain value: an env entry's, else the ConfigMaps' the container takes whole. */
    Optional<String> valueOf(Node container, String variable) {
        Optional<String> own = container.at("env").list().stream()
                .filter(e -> variable.equals(e.at("name").text()))
                .map(e -> e.at("value").text())
                .filter(Objects::nonNull)
                .findFirst();
        if (own.isPresent()) {
            return own;
        }
        return container.at("envFrom").list().stream()
                .map(source -> source.at("configMapRef.name").text())
                .filter(Objects::nonNull)
                .flatMap(name -> find("ConfigMap", name).stream())
                .map(map -> map.at("data").map().get(variable))
                .filter(Objects::nonNull)
                .map(String::valueOf)
                .findFirst();
    }

    /**
     * The variables a container reads as files (service-defaults' SecretFiles): each file of the read-only volume
     * mounted at its {@code SHOP_SECRETS_DIR}, with the Secret key it shows. A Secret projected whole shows every key
     * it has in this render; one that is optional and absent, none.
     */
    Map<String, SecretKey> secretFilesOf(ShopContainer c) {
        Map<String, SecretKey> files = new TreeMap<>();
        Optional<String> directory = valueOf(c.container(), "SHOP_SECRETS_DIR");
        if (directory.isEmpty()) {
            return files;
        }
        Optional<String> volume = c.container().at("volumeMounts").list().stream()
                .filter(m -> directory.get().equals(m.at("mountPath").text()))
                .map(m -> m.at("name").text())
                .findFirst();
        for (Node source : secretSourcesOf(c.podSpec(), volume.orElse(null))) {
            String secret = source.at("name").text();
            List<Node> items = source.at("items").list();
            if (!items.isEmpty()) {
                items.forEach(item -> files.put(
                        item.at("path").text(),
                        new SecretKey(secret, item.at("key").text())));
            } else {
                find("Secret", secret)
                        .ifPresent(s ->
                                s.at("data").map().keySet().forEach(key -> files.put(key, new SecretKey(secret, key))));
            }
        }
        return files;
    }

    /** The Secrets of a pod volume, as projected sources ({@code name}, {@code items}, {@code optional}). */
    static List<Node> secretSourcesOf(Node podSpec, String volumeName) {
        List<Node> sources = new ArrayList<>();
        for (Node volume : podSpec.at("volumes").list()) {
            if (volumeName != null && !volumeName.equals(volume.at("name").text())) {
                continue;
            }
            volume.at("projected.sources").list().stream()
                    .map(source -> source.at("secret"))
                    .filter(Node::exists)
                    .forEach(sources::add);
            if (volume.at("secret").exists()) {
                Map<String, Object> secret =
                        new java.util.LinkedHashMap<>(volume.at("secret").map());
                secret.put("name", secret.get("secretName"));
                sources.add(new Node(secret));
            }
        }
        return sources;
    }

    /** A rendered name is the base's, with the hash suffix Kustomize adds to a generated ConfigMap or Secret. */
    static boolean isNamed(String rendered, String base) {
        return rendered != null && (rendered.equals(base) || rendered.matches(Pattern.quote(base) + "-[a-z0-9]{10}"));
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
