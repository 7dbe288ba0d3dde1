package com.licenceshop.command.system;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traefik, the single public entry point of docker-compose.yml, routes no management endpoint: every router's
 * rule excludes their paths, so /prometheus (anonymous, for the scraper on the compose network) stays inside.
 */
class PublicEntryPointTest {

    private static final Pattern RULE = Pattern.compile("^Host\\(`[^`]+`\\) && !PathRegexp\\(`([^`]+)`\\)$");
    private static final List<String> MANAGEMENT = List.of("/prometheus", "/health", "/health/readiness", "/metrics",
            "/beans", "/info", "/loggers", "/loggers/root", "/refresh", "/routes", "/env", "/stop", "/threads", "/caches", "/flyway");
    private static final List<String> PUBLIC = List.of("/", "/api/orders", "/api/products", "/sales", "/ops", "/orders/1",
            "/static/shop.css", "/login/auth", "/swagger-ui/index.html", "/healthy-licences", "/information");

    @Test
    void everyTraefikRouterOfTheComposeFileExcludesTheManagementEndpoints() throws IOException {
        Map<String, String> rules = routerRules();

        assertThat(rules).containsKeys("api", "web");
        rules.forEach((router, rule) -> {
            Matcher matcher = RULE.matcher(rule);
            assertThat(matcher.matches()).as("router %s: %s", router, rule).isTrue();
            Pattern excluded = Pattern.compile(matcher.group(1));
            assertThat(MANAGEMENT).as("router %s leaves out", router).allMatch(path -> excluded.matcher(path).matches());
            assertThat(PUBLIC).as("router %s still routes", router).noneMatch(path -> excluded.matcher(path).matches());
        });
    }

    /** {@code traefik.http.routers.<name>.rule} of every service, from the labels. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> routerRules() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("..", "docker-compose.yml")));
        Map<String, String> rules = new LinkedHashMap<>();
        Pattern label = Pattern.compile("^traefik\\.http\\.routers\\.([^.]+)\\.rule=(.*)$");
        for (Object service : ((Map<String, Object>) compose.get("services")).values()) {
            Object labels = ((Map<String, Object>) service).get("labels");
            if (labels instanceof List<?> list) {
                for (Object entry : list) {
                    Matcher matcher = label.matcher(String.valueOf(entry));
                    if (matcher.matches()) {
                        rules.put(matcher.group(1), matcher.group(2).replace("$$", "$")); // compose's escape of $
                    }
                }
            }
        }
        return rules;
    }
}
