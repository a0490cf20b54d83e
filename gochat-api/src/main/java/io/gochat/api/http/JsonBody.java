package io.gochat.api.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.json.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read as a JSON object whatever the Content-Type (gochat binds JSON only, and
 * its clients do not always send the header), with strict string fields: a number where a string
 * belongs is refused, as gochat's binding does.
 */
public final class JsonBody {
    public static final int MAX_BYTES = 64 * 1024;

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /** Reads at most {@link #MAX_BYTES}; anything larger, empty, malformed or not an object is a {@link BadRequest}. */
    public static JsonBody read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw new BadRequest(tooLarge());
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new BadRequest("cannot read the request body");
        }
        if (bytes.length > MAX_BYTES) {
            throw new BadRequest(tooLarge());
        }
        if (bytes.length == 0) {
            throw new BadRequest("request body must be a JSON object");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new BadRequest("request body is not valid JSON");
        } catch (IOException e) {
            throw new BadRequest("cannot read the request body");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("request body must be a JSON object");
        }
        return new JsonBody(root);
    }

    private static String tooLarge() {
        return "request body is larger than " + MAX_BYTES + " bytes";
    }

    /** A required, non-empty string field of at most {@code maxLength} characters. */
    public String text(String field, int maxLength) {
        String value = optionalText(field);
        if (value == null || value.isEmpty()) {
            throw new BadRequest(field + " is required");
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw new BadRequest(field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    /** The string field, or null when absent, JSON null or not a string (for fields that only gate access). */
    public String optionalTextOrNull(String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** The raw field, null when absent (for fields that are not plain strings). */
    public JsonNode field(String field) {
        return root.get(field);
    }

    /** The string field, null when absent or JSON null; a {@link BadRequest} when it is not a string. */
    public String optionalText(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new BadRequest(field + " must be a string");
        }
        return node.textValue();
    }
}
