package com.licenceshop.provider.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Stripe's list envelope and cursor paging over a newest-first list: {@code limit} (1–100, default 10),
 * {@code starting_after} (older than that id), {@code ending_before} (newer than it); and the {@code created}
 * filter ({@code created=<t>} or {@code created[gt|gte|lt|lte]=<t>}).
 */
public final class ListPage {

    private ListPage() {}

    public static Map<String, Object> of(List<Map<String, Object>> newestFirst, Map<String, Object> query, String url) {
        int limit = limit(query.get("limit"));
        String startingAfter = (String) query.get("starting_after");
        String endingBefore = (String) query.get("ending_before");
        int from = 0;
        int to = newestFirst.size();
        if (startingAfter != null) {
            from = indexOf(newestFirst, startingAfter, "starting_after") + 1;
        } else if (endingBefore != null) {
            to = indexOf(newestFirst, endingBefore, "ending_before");
            from = Math.max(0, to - limit);
        }
        int end = Math.min(to, from + limit);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("object", "list");
        page.put("data", newestFirst.subList(from, end));
        page.put("has_more", endingBefore != null && startingAfter == null ? from > 0 : end < to);
        page.put("url", url);
        return page;
    }

    @SuppressWarnings("unchecked")
    public static Predicate<Map<String, Object>> created(Object filter) {
        if (filter == null) {
            return o -> true;
        }
        if (filter instanceof String exact) {
            long t = number(exact, "created");
            return o -> ((Number) o.get("created")).longValue() == t;
        }
        Predicate<Map<String, Object>> all = o -> true;
        for (Map.Entry<String, Object> bound : ((Map<String, Object>) filter).entrySet()) {
            long t = number(String.valueOf(bound.getValue()), "created[" + bound.getKey() + "]");
            Predicate<Long> test = switch (bound.getKey()) {
                case "gt" -> c -> c > t;
                case "gte" -> c -> c >= t;
                case "lt" -> c -> c < t;
                case "lte" -> c -> c <= t;
                default -> throw ApiError.invalidRequest("Invalid created filter: " + bound.getKey(), "created");
            };
            all = all.and(o -> test.test(((Number) o.get("created")).longValue()));
        }
        return all;
    }

    private static int limit(Object value) {
        if (value == null) {
            return 10;
        }
        long n = number(value.toString(), "limit");
        if (n < 1 || n > 100) {
            throw ApiError.invalidRequest("This value must be between 1 and 100 (it currently is " + n + ").", "limit");
        }
        return (int) n;
    }

    private static long number(String text, String param) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiError.invalidRequest("Invalid integer: " + text, param);
        }
    }

    private static int indexOf(List<Map<String, Object>> list, String id, String param) {
        for (int i = 0; i < list.size(); i++) {
            if (id.equals(list.get(i).get("id"))) {
                return i;
            }
        }
        throw ApiError.noSuch("object", id, param);
    }
}
