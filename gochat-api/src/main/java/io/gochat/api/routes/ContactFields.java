package io.gochat.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.http.BadRequest;
import io.gochat.api.http.JsonBody;

/** Optional numbers and booleans of the contacts and profile routes. */
final class ContactFields {
    private ContactFields() {
    }

    /** A non-negative whole number, 0 when absent. */
    static int optionalCount(JsonBody body, String field) {
        JsonNode node = body.field(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new BadRequest(field + " must be a number of at least 0");
        }
        return node.intValue();
    }

    /** true or false; {@code fallback} when absent. */
    static boolean bool(JsonBody body, String field, boolean fallback) {
        JsonNode node = body.field(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new BadRequest(field + " must be true or false");
        }
        return node.booleanValue();
    }

    /** A required true or false. */
    static boolean requiredBool(JsonBody body, String field) {
        JsonNode node = body.field(field);
        if (node == null || node.isNull()) {
            throw new BadRequest(field + " is required (true or false)");
        }
        return bool(body, field, false);
    }

    /** An id as a number or a string (JavaScript cannot hold 64-bit ids), 0 when absent. */
    static long optionalId(JsonBody body, String field) {
        JsonNode node = body.field(field);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Math.max(node.longValue(), 0);
        }
        if (node.isTextual()) {
            try {
                return Math.max(Long.parseLong(node.textValue().trim()), 0);
            } catch (NumberFormatException e) {
                throw new BadRequest(field + " must be an id");
            }
        }
        throw new BadRequest(field + " must be an id");
    }
}
