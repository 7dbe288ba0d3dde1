package com.licenceshop.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml (or another compose file of the repository), parsed; anchors and merge keys resolved. */
record ComposeFile(String file, Node root) {

    /** Routed by Traefik to operators only, behind the basic-auth middleware; not part of the shop's routes. */
    static final Set<String> ADMIN_TOOLS = Set.of("traefik", "adminer");

    static ComposeFile load() {
        return load("docker-compose.yml");
    }

    static ComposeFile load(String file) {
        try {
            return new ComposeFile(file, new Node(new Yaml().load(Files.readString(Repository.ROOT.resolve(file)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Node service(String name) {
        Node service = root.at("services").at(name);
        if (!service.exists()) {
            throw new AssertionError(file + " has no service " + name);
        }
        return service;
    }

    Map<String, Object> services() {
        return root.at("services").map();
    }

    /** KEY=VALUE list or map, as compose allows both. */
    Map<String, String> environment(String name) {
        Map<String, String> env = new TreeMap<>();
        Node environment = service(name).at("environment");
        environment.map().forEach((k, v) -> env.put(k, String.valueOf(v)));
        environment.list().forEach(entry -> {
            String[] kv = entry.text().split("=", 2);
            env.put(kv[0], kv.length > 1 ? kv[1] : "");
        });
        return env;
    }

    /** The shop's Traefik router rules by compose service: {@code traefik.http.routers.<router>.rule=...}. */
    Map<String, String> routerRules() {
        Map<String, String> rules = new TreeMap<>();
        services().forEach((name, definition) -> {
            if (!ADMIN_TOOLS.contains(name)) {
                labels(name).forEach((key, value) -> {
                    if (key.matches("traefik\\.http\\.routers\\.[^.]+\\.rule")) {
                        rules.put(value.replace("$$", "$"), name); // compose's escape of $
                    }
                });
            }
        });
        return rules;
    }

    /** A service's labels, key → value (list form). */
    Map<String, String> labels(String name) {
        Map<String, String> labels = new TreeMap<>();
        service(name).at("labels").list().forEach(label -> {
            String[] kv = label.text().split("=", 2);
            labels.put(kv[0], kv.length > 1 ? kv[1] : "");
        });
        return labels;
    }

    /** host → compose service. */
    Map<String, String> routedHosts() {
        Map<String, String> hosts = new TreeMap<>();
        routerRules()
                .forEach((rule, service) ->
                        KubernetesManifestsTest.hostsIn(rule).forEach(host -> hosts.put(host, service)));
        return hosts;
    }
}
