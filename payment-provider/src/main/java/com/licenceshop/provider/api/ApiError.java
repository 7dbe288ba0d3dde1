package com.licenceshop.provider.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error in Stripe's shape: {@code {"error": {"type", "code", "message", "param"}}} with Stripe's HTTP status. */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;

    public ApiError(int status, String type, String code, String message, String param) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public static ApiError invalidRequest(String message, String param) {
        return new ApiError(400, "invalid_request_error", "parameter_invalid", message, param);
    }

    public static ApiError missingParam(String param) {
        return new ApiError(
                400, "invalid_request_error", "parameter_missing", "Missing required param: " + param + ".", param);
    }

    public static ApiError noSuch(String object, String id, String param) {
        return new ApiError(
                404, "invalid_request_error", "resource_missing", "No such " + object + ": '" + id + "'", param);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        return Map.of("error", error);
    }
}
