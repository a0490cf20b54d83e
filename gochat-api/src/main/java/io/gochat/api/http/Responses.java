package io.gochat.api.http;

import io.gochat.core.json.Json;
import io.javalin.http.Context;

/** Writes the envelope as JSON with HTTP 200, as gochat clients expect for every outcome. */
public final class Responses {
    private Responses() {
    }

    public static void write(Context ctx, ApiResponse response) {
        ctx.attribute(ApiMetrics.CODE, response.code());
        ctx.status(200);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(Json.write(response));
    }
}
