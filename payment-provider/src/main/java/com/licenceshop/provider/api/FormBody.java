package com.licenceshop.provider.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stripe's request encoding: {@code application/x-www-form-urlencoded} (and query strings) whose keys nest with
 * brackets, {@code line_items[0][price_data][unit_amount]=500}, {@code metadata[order_id]=…}, {@code expand[]=…}.
 * Parsed into maps; a map whose keys are all indexes is a list, in index order.
 */
public final class FormBody {

    private FormBody() {}

    public static Map<String, Object> parse(String encoded) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (encoded == null || encoded.isBlank()) {
            return root;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(root, path(key), value);
        }
        return listsFromIndexes(root);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static List<String> path(String key) {
        List<String> parts = new ArrayList<>();
        int open = key.indexOf('[');
        if (open < 0) {
            parts.add(key);
            return parts;
        }
        parts.add(key.substring(0, open));
        int i = open;
        while (i < key.length() && key.charAt(i) == '[') {
            int close = key.indexOf(']', i);
            if (close < 0) {
                throw ApiError.invalidRequest("Invalid form key: " + key, key);
            }
            parts.add(key.substring(i + 1, close));
            i = close + 1;
        }
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, String value) {
        Map<String, Object> node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String part = path.get(i);
            Object child = node.get(part);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(part, child);
            }
            node = (Map<String, Object>) child;
        }
        String last = path.get(path.size() - 1);
        // "expand[]=a&expand[]=b": an empty index appends
        node.put(last.isEmpty() ? String.valueOf(node.size()) : last, value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listsFromIndexes(Map<String, Object> map) {
        map.replaceAll((k, v) -> v instanceof Map ? asListIfIndexed(listsFromIndexes((Map<String, Object>) v)) : v);
        return map;
    }

    private static Object asListIfIndexed(Map<String, Object> map) {
        if (map.isEmpty() || !map.keySet().stream().allMatch(k -> k.matches("\\d{1,4}"))) {
            return map;
        }
        return new ArrayList<>(new TreeMap<>(map.entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                e -> Integer.parseInt(e.getKey()), Map.Entry::getValue)))
                .values());
    }
}
