package com.licenceshop.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Read-only navigation in parsed YAML: {@code node.at("spec.template.spec")}; missing parts are empty. */
record Node(Object value) {

    static final Node MISSING = new Node(null);

    Node at(String dottedPath) {
        Node node = this;
        for (String part : dottedPath.split("\\.")) {
            node = node.value instanceof Map<?, ?> map && map.containsKey(part) ? new Node(map.get(part)) : MISSING;
        }
        return node;
    }

    boolean exists() {
        return value != null;
    }

    String text() {
        return value == null ? null : String.valueOf(value);
    }

    List<Node> list() {
        return value instanceof List<?> list ? list.stream().map(Node::new).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    String kind() {
        return at("kind").text();
    }

    String name() {
        return at("metadata.name").text();
    }

    boolean is(String kind, String name) {
        return Objects.equals(kind(), kind) && Objects.equals(name(), name);
    }

    @Override
    public String toString() {
        return kind() != null ? kind() + "/" + name() : String.valueOf(value);
    }
}
