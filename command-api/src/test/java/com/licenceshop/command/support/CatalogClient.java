package com.licenceshop.command.support;

import com.licenceshop.testsupport.TestHttp;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;

/** Catalog calls of the tests: reads anonymous, writes as sales staff ({@link StaffLogin}). */
public final class CatalogClient {

    private final Http http;

    public CatalogClient(Http http) {
        this.http = http;
    }

    public static Map<String, Object> product(String sku, String name, long unitPriceCents) {
        Map<String, Object> body = new HashMap<>();
        body.put("sku", sku);
        body.put("name", name);
        body.put("description", name + " licence");
        body.put("unitPriceCents", unitPriceCents);
        body.put("currency", "EUR");
        return body;
    }

    public static Map<String, Object> change(String name, long unitPriceCents) {
        Map<String, Object> body = product(null, name, unitPriceCents);
        body.remove("sku");
        return body;
    }

    public TestHttp.Response add(Map<String, Object> body) {
        return write(json("/api/products").POST(HttpRequest.BodyPublishers.ofString(TestHttp.write(body))));
    }

    public TestHttp.Response addRaw(String contentType, String body) {
        return write(http.request("/api/products")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** @param ifMatch null for none */
    public TestHttp.Response change(String sku, String ifMatch, Map<String, Object> body) {
        HttpRequest.Builder request =
                json("/api/products/" + sku).PUT(HttpRequest.BodyPublishers.ofString(TestHttp.write(body)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return write(request);
    }

    public TestHttp.Response retire(String sku) {
        return write(http.request("/api/products/" + sku).DELETE());
    }

    public TestHttp.Response get(String sku) {
        return http.get("/api/products/" + sku);
    }

    /** Sends a catalog write as sales staff. */
    public TestHttp.Response write(HttpRequest.Builder request) {
        return http.send(StaffLogin.authorize(request));
    }

    private HttpRequest.Builder json(String path) {
        return http.request(path).header("Content-Type", "application/json");
    }
}
