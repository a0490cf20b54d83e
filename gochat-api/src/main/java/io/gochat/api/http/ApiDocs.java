package io.gochat.api.http;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API's description: {@code GET /openapi.json} (OpenAPI 3, kept beside the code in
 * {@code io/gochat/api/docs/openapi.json} and checked against the registered routes by a test) and
 * {@code GET /docs}, a self-contained page that renders it (no CDN: it must work offline).
 */
public final class ApiDocs {
    public static final String OPENAPI_RESOURCE = "/io/gochat/api/docs/openapi.json";
    private static final String PAGE_RESOURCE = "/io/gochat/api/docs/docs.html";

    private ApiDocs() {
    }

    public static void addTo(RoutesConfig routes) {
        byte[] openapi = resource(OPENAPI_RESOURCE);
        byte[] page = resource(PAGE_RESOURCE);
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json; charset=utf-8").result(openapi));
        routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
    }

    public static byte[] resource(String name) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the api jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
