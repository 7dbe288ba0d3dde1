package com.licenceshop.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** A service's {@code src/main/resources/application.yml}, flattened to dotted keys, with its placeholders. */
final class ApplicationConfig {

    /** {@code ${NAME}} or {@code ${NAME:default}}; Micronaut quotes defaults with a colon in backticks. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::(`[^`]*`|[^}]*))?}");

    private final String module;
    private final Map<String, String> values;

    private ApplicationConfig(String module, Map<String, String> values) {
        this.module = module;
        this.values = values;
    }

    static ApplicationConfig of(Path repository, String module) {
        Path file = repository.resolve(module).resolve("src/main/resources/application.yml");
        try {
            Map<String, Object> tree = new Yaml().load(Files.readString(file));
            Map<String, String> flat = new LinkedHashMap<>();
            flatten("", tree, flat);
            return new ApplicationConfig(module, flat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> tree, Map<String, String> into) {
        tree.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> child) {
                flatten(path, (Map<String, Object>) child, into);
            } else {
                into.put(path, value instanceof List<?> list ? list.toString() : String.valueOf(value));
            }
        });
    }

    /** The value with placeholders replaced by their defaults (what runs when no variable is set); null if absent. */
    String valueOrDefault(String key) {
        String value = values.get(key);
        if (value == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(resolved, Matcher.quoteReplacement(defaultOf(m)));
        }
        m.appendTail(resolved);
        return resolved.toString();
    }

    List<String> childKeys(String prefix) {
        return values.keySet().stream()
                .filter(k -> k.startsWith(prefix + "."))
                .map(k -> k.substring(prefix.length() + 1).split("\\.")[0])
                .distinct()
                .toList();
    }

    Set<String> requiredVariables(Set<String> optional) {
        Set<String> required = new TreeSet<>();
        for (String value : values.values()) {
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                String fallback = defaultOf(m);
                boolean local =
                        fallback.contains("localhost") || fallback.contains("127.0.0.1") || fallback.contains("guest");
                if ((fallback.isBlank() || local) && !optional.contains(m.group(1))) {
                    required.add(m.group(1));
                }
            }
        }
        return required;
    }

    private static String defaultOf(Matcher placeholder) {
        String fallback = placeholder.group(2) == null ? "" : placeholder.group(2);
        return fallback.startsWith("`") ? fallback.substring(1, fallback.length() - 1) : fallback;
    }

    @Override
    public String toString() {
        return module + "/application.yml";
    }
}
