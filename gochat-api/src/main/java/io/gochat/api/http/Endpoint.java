package io.gochat.api.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts "JSON body in, envelope out, asynchronously" to a Javalin handler: the body is read and
 * checked on the request thread, logic is called without blocking it (no thread waits per request),
 * at most {@link InFlightLimit} requests are in flight (more are answered "busy" at once), and every
 * failure becomes an envelope (a {@link BadRequest}'s own, or a generic code 1 for a bug) — never a 500.
 */
public final class Endpoint {
    private static final Logger log = LoggerFactory.getLogger(Endpoint.class);

    private Endpoint() {
    }

    public static Handler of(Function<JsonBody, CompletableFuture<ApiResponse>> action) {
        return ctx -> {
            InFlightLimit limit = ctx.appData(InFlightLimit.KEY);
            if (!limit.tryEnter()) {
                Responses.write(ctx, limit.busy());
                return;
            }
            CompletableFuture<ApiResponse> answer;
            try {
                answer = action.apply(JsonBody.read(ctx));
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<ApiResponse> settled = answer.handle((r, e) -> {
                limit.leave();
                return e == null ? r : toResponse(ctx, e);
            });
            ctx.future(() -> settled.thenAccept(r -> Responses.write(ctx, r)));
        };
    }

    static ApiResponse toResponse(Context ctx, Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof BadRequest bad) {
            return bad.response();
        }
        log.warn("{} {} failed: {}", ctx.method(), ctx.path(), cause.toString());
        return ApiResponse.fail("internal error, please try again");
    }
}
