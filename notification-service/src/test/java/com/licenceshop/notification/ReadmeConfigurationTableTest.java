package com.licenceshop.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration table names exactly the environment variables application.yml reads. */
class ReadmeConfigurationTableTest {

    @Test
    void theReadmeTableListsEveryEnvironmentVariableOfApplicationYml() throws IOException {
        Set<String> inYaml =
                matches(Files.readString(Path.of("src/main/resources/application.yml")), "\\$\\{([A-Z][A-Z0-9_]+)[:}]");
        inYaml.add("MICRONAUT_SERVER_PORT"); // Micronaut reads it without a placeholder
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Endpoints"));
        Set<String> inReadme = matches(table, "(?m)^\\| `[^`]+` \\| `([A-Z][A-Z0-9_]+)` \\|");

        assertThat(inReadme).isEqualTo(inYaml);
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
