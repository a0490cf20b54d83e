package io.gochat.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.http.BadRequest;
import io.gochat.api.http.JsonBody;

/**
 * The id fields of push requests. gochat's clients send {@code toUserId} as a JSON string ("10");
 * numbers are accepted too. Room ids are numbers, as in gochat; 0 is not a room.
 */
final class PushFields {
    private PushFields() {
    }

    static long userId(JsonBody body, String field) {
        JsonNode node = body.field(field);
        long id = node == null || node.isNull() ? 0 : parse(node, field);
        if (id <= 0) {
            throw new BadRequest(field + " is required (a user id)");
        }
        return id;
    }

    static long roomId(JsonBody body) {
        long id = optionalRoomId(body);
        if (id <= 0) {
            throw new BadRequest("roomId is required (a positive number)");
        }
        return id;
    }

    static long optionalRoomId(JsonBody body) {
        JsonNode node = body.field("roomId");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            throw new BadRequest("roomId must be a number");
        }
        return node.longValue();
    }

    private static long parse(JsonNode node, String field) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw new BadRequest(field + " must be a user id, got '" + node.textValue() + "'");
            }
        }
        throw new BadRequest(field + " must be a user id");
    }
}
