package io.gochat.api.routes;

import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.BadRequest;
import io.gochat.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** logic's contacts replies as envelopes: code 0 with the data, 1 with logic's sentence, 40000 for a bad session. */
final class ContactAnswers {
    private ContactAnswers() {
    }

    static ApiResponse of(int code, String message, Object data) {
        if (code == ApiResponse.SESSION_ERROR) {
            return ApiResponse.sessionError();
        }
        return code == ApiResponse.OK ? ApiResponse.ok(message, data) : ApiResponse.fail(message);
    }

    static void present(Object reply) {
        if (reply == null) {
            throw new BadRequest("logic gave no answer");
        }
    }

    /** Stored JSON texts (notices) as JSON values. */
    static List<Object> parsed(List<String> texts) {
        List<Object> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            try {
                out.add(Json.MAPPER.readTree(text));
            } catch (IOException e) {
                throw new IllegalStateException("a stored notice is not JSON", e);
            }
        }
        return out;
    }
}
