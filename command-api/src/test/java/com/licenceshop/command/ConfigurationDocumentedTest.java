package com.licenceshop.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The README's configuration table names every setting of application.yml, with its environment variable. */
class ConfigurationDocumentedTest {

    private static final List<String> DOCUMENTED_PREFIXES = List.of(
            "shop.",
            "datasources.default.url",
            "datasources.default.username",
            "datasources.default.password",
            "datasources.default.maximum-pool-size",
            "datasources.default.connection-timeout",
            "rabbitmq.",
            "micronaut.server.");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):");

    @Test
    void everySettingOfApplicationYmlIsInTheReadmeTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Map<String, Object> settings = new LinkedHashMap<>();
        try (InputStream yml = getClass().getResourceAsStream("/application.yml")) {
            flatten("", new Yaml().load(yml), settings);
        }

        assertThat(settings).isNotEmpty();
        settings.forEach((key, value) -> {
            if (DOCUMENTED_PREFIXES.stream().noneMatch(key::startsWith)) {
                return;
            }
            String row = readme.lines()
                    .filter(line -> line.startsWith("| `" + key + "` |"))
                    .findFirst()
                    .orElse(null);
            assertThat(row).as("README row for " + key).isNotNull();
            Matcher env = PLACEHOLDER.matcher(String.valueOf(value));
            if (env.find()) {
                assertThat(row).as("README row for " + key).contains("`" + env.group(1) + "`");
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, Object> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, into));
        } else {
            into.put(prefix, node);
        }
    }
}
