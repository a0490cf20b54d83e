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

    /**
     * Reads at most {@link #MAX_BYTES}; anything larger, empty, malformed or not an object is a {@link BadRequest}.
     * The rest of a body that is too large is read and dropped (up to {@link #DRAIN_LIMIT}), so that the
     * client, still sending it, gets the answer instead of a connection reset.
     */
    public static JsonBody read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > MAX_BYTES) {
                drain(in, declared);
                throw new BadRequest(tooLarge());
            }
            bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                drain(in, DRAIN_LIMIT);
                throw new BadRequest(tooLarge());
            }
        } catch (IOException e) {
            throw new BadRequest("cannot read the request body");
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

    /** Bodies up to this size are read to the end before they are refused; larger ones cost a reset. */
    static final long DRAIN_LIMIT = 4L * 1024 * 1024;

    private static void drain(InputStream in, long declared) throws IOException {
        if (declared > DRAIN_LIMIT) {
            return;
        }
        byte[] sink = new byte[8192];
        long left = DRAIN_LIMIT;
        for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
            left -= n;
        }
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
