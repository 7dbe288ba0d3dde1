package com.licenceshop.command.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.servicedefaults.ProblemException;
import com.licenceshop.servicedefaults.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads a command's JSON body into maps, lists, strings and numbers, so validation can name every broken field (a
 * bound record stops at the first). Strict about duplicate keys and trailing data, which RFC 8259 leaves open: a proxy
 * or WAF that read them otherwise would judge another request than the one stored.
 */
@Singleton
public class RequestBodies {

    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonMapper json;

    RequestBodies(JsonMapper json) {
        this.json = json;
    }

    /** @param shape what the body should be, for the 400's message, e.g. {@code {customerEmail, items}} */
    public Object parse(HttpRequest<?> request, @Nullable byte[] body, String shape) {
        return parse(request, body, Argument.OBJECT_ARGUMENT, shape);
    }

    /** The body bound to {@code type}; a value of the wrong JSON type is malformed as well. */
    public <T> T parse(HttpRequest<?> request, @Nullable byte[] body, Argument<T> type, String shape) {
        requireJson(request);
        if (body == null || body.length == 0) {
            throw malformed("The request body is empty.", shape);
        }
        try {
            T parsed = read(json, body, type);
            if (parsed == null) {
                throw malformed("The request body is JSON null.", shape);
            }
            return parsed;
        } catch (DuplicateKey e) {
            throw malformed("The request body names a key twice in one object.", shape);
        } catch (TrailingData e) {
            throw malformed("The request body goes on after its JSON value.", shape);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw malformed("The request body is not valid JSON.", shape);
        }
    }

    /** One JSON value, strictly (see above), as maps, lists, strings and numbers. */
    public static Object read(JsonMapper json, byte[] body) throws IOException {
        return read(json, body, Argument.OBJECT_ARGUMENT);
    }

    private static <T> T read(JsonMapper json, byte[] body, Argument<T> type) throws IOException {
        requireStrict(body);
        return json.readValue(body, type);
    }

    /** Whether a Content-Type is JSON: application/json or application/*+json, in any case. */
    public static boolean isJson(@Nullable MediaType type) {
        return type != null
                && type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json")
                        || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
    }

    // jackson-core's own pass: the serde mapper neither detects duplicate keys nor looks past the first value
    private static void requireStrict(byte[] body) throws IOException {
        try (JsonParser parser = STRICT.createParser(body)) {
            if (parser.nextToken() == null) {
                return; // empty: the mapper's error
            }
            parser.skipChildren();
            if (trailing(parser)) {
                throw new TrailingData();
            }
        } catch (com.fasterxml.jackson.core.exc.StreamReadException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
                throw new DuplicateKey();
            }
            throw e;
        }
    }

    // anything after the value, a token or not (e.g. a bare word)
    private static boolean trailing(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (IOException e) {
            return true;
        }
    }

    private static final class DuplicateKey extends IOException {}

    private static final class TrailingData extends IOException {}

    private static void requireJson(HttpRequest<?> request) {
        if (!isJson(request.getContentType().orElse(null))) {
            throw new ProblemException(Problems.of(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json.",
                    List.of(new Violation("Content-Type", "media-type", "must be application/json"))));
        }
    }

    private static ProblemException malformed(String detail, String shape) {
        return new ProblemException(Problems.of(
                ProblemType.MALFORMED_JSON,
                detail,
                List.of(new Violation("body", "json", "must be a JSON object " + shape))));
    }
}
