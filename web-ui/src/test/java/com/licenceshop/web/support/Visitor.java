package com.licenceshop.web.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as the server can tell: keeps cookies (also Secure ones over http, as browsers do for
 * localhost), never follows redirects (tests look at them), and sends {@code Accept: text/html} unless told
 * otherwise (as a browser does).
 */
public final class Visitor {

    /** What Chromium sends for a page; note the catch-all, which matters for routes that produce JSON (POST /login). */
    public static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrfToken\" value=\"([^\"]*)\"");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String basicAuth;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    public Visitor(URI base) {
        this.base = base;
    }

    public Visitor withBasicAuth(String username, String password) {
        basicAuth = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Sends this header with every request, e.g. the X-Forwarded-For a proxy in front would add. */
    public Visitor withHeader(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    public Page get(String path) {
        return get(path, BROWSER_ACCEPT);
    }

    public Page getJson(String path) {
        return get(path, "application/json");
    }

    public Page get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    /** Posts a form as it is, without adding a CSRF token. */
    public Page postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path)
                .header("Accept", BROWSER_ACCEPT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a body of any type as it is (no CSRF token). */
    public Page post(String path, String contentType, String body) {
        return send(request(path)
                .header("Accept", BROWSER_ACCEPT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a form with the CSRF token the given page's forms carry, as a browser submitting that page does. */
    public Page submit(Page from, String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("csrfToken", from.csrfToken());
        return postForm(path, withToken);
    }

    /** Logs in through the login form (with the CSRF token its page carries); returns the response of POST /login. */
    public Page logIn(String username, String password) {
        return submit(get("/login/auth"), "/login", Map.of("username", username, "password", password));
    }

    /** Sets a cookie as if the server (or someone planting cookies for this site) had set it. */
    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    public void forgetCookie(String name) {
        cookies.remove(name);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (!cookies.isEmpty()) {
            builder.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        if (basicAuth != null) {
            builder.header("Authorization", basicAuth);
        }
        extraHeaders.forEach(builder::header);
        return builder;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean expired = setCookie.toLowerCase().contains("max-age=0") || value.isEmpty();
                if (expired) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Page(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Page(int status, Map<String, List<String>> headers, String body) {

        public String location() {
            return header("location");
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        public String csrfToken() {
            Matcher matcher = CSRF_FIELD.matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("the page has no form with a CSRF token:\n" + body);
            }
            return matcher.group(1);
        }

        /** How many elements carry {@code data-testid="<testId>"}. */
        public int count(String testId) {
            Matcher matcher = Pattern.compile("data-testid=\"" + Pattern.quote(testId) + "\"")
                    .matcher(body);
            int count = 0;
            while (matcher.find()) {
                count++;
            }
            return count;
        }

        /** The text inside the element with this id (tags stripped, whitespace collapsed). */
        public String textOf(String id) {
            Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</", Pattern.DOTALL)
                    .matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no element with id " + id + " in:\n" + body);
            }
            return matcher.group(1)
                    .replaceAll("<[^>]+>", "")
                    .replaceAll("\\s+", " ")
                    .trim();
        }
    }
}
