package com.licenceshop.projector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The README's configuration table and application.yml say the same. */
class ReadmeConfigurationTableTest {

    private static final Pattern ROW =
            Pattern.compile("^\\| `([a-z0-9.-]+)` \\| `([A-Z0-9_]+)` \\|", Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):");

    @Test
    void everyConfiguredKeyIsInTheReadmeWithItsEnvironmentVariable() throws IOException {
        Map<String, String> readme = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            readme.put(row.group(1), row.group(2));
        }
        Map<String, Object> yaml = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            flatten("", new Yaml().load(in), yaml);
        }

        assertThat(readme).isNotEmpty();
        for (String key : readme.keySet()) {
            assertThat(yaml).as("application.yml has " + key).containsKey(key);
        }
        yaml.forEach((key, value) -> {
            Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(value));
            if (placeholder.find()) {
                assertThat(readme).as("README row for " + key).containsEntry(key, placeholder.group(1));
            }
        });
        yaml.keySet().stream()
                .filter(key -> key.startsWith("shop."))
                .forEach(key -> assertThat(readme).as("README documents " + key).containsKey(key));
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, Object> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into));
        } else {
            into.put(prefix, node);
        }
    }
}
