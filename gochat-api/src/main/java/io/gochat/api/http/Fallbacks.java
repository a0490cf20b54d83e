package io.gochat.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is not a route: CORS preflights get 204 with the CORS headers and no body; unknown paths and
 * wrong methods get gochat's {@code please check request url !}; anything thrown becomes code 1.
 */
public final class Fallbacks {
    public static final String BAD_URL = "please check request url !";
    private static final Logger log = LoggerFactory.getLogger(Fallbacks.class);

    private Fallbacks() {
    }

    public static void addTo(RoutesConfig routes, CorsPolicy cors) {
        routes.before(ctx -> {
            cors.apply(ctx);
            if (HandlerType.OPTIONS.equals(ctx.method())) {
                ctx.status(204);
                ctx.skipRemainingHandlers();
            }
        });
        routes.error(404, Fallbacks::badUrl);
        routes.error(405, Fallbacks::badUrl);
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413) {
                Responses.write(ctx, ApiResponse.fail("request body is larger than " + JsonBody.MAX_BYTES + " bytes"));
            } else if (e.getStatus() == 404 || e.getStatus() == 405) {
                badUrl(ctx);
            } else {
                Responses.write(ctx, ApiResponse.fail(String.valueOf(e.getMessage())));
            }
        });
        routes.exception(Exception.class, (e, ctx) -> {
            log.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
            Responses.write(ctx, ApiResponse.fail("internal error, please try again"));
        });
    }

    private static void badUrl(Context ctx) {
        if (HandlerType.OPTIONS.equals(ctx.method())) {
            ctx.status(204);
            ctx.result("");
            return;
        }
        Responses.write(ctx, ApiResponse.fail(BAD_URL));
    }
}
