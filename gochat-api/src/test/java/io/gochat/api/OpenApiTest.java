package io.gochat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.json.Json;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.RedisExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document describes exactly the routes the api registers, and api serves it with a page. */
class OpenApiTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static ApiServer api;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        api = ApiCluster.startApi(ApiCluster.config(etcd.endpoints(), redis.url(), dir));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteIsRegistered() throws Exception {
        JsonNode doc = Json.MAPPER.readTree(get("/openapi.json").body());
        List<String> documented = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey()));
        }
        List<String> registered = api.routes();
        assertTrue(registered.contains("POST /user/login"), "routes are listed: " + registered);
        assertEquals(registered, documented.stream().sorted().toList(), "documented routes = registered routes");
    }

    @Test
    void theDocumentIsOpenApi3AndEachOperationHasASummaryABodyAndTheEnvelope() throws Exception {
        HttpResponse<String> r = get("/openapi.json");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode doc = Json.MAPPER.readTree(r.body());
        assertTrue(doc.path("openapi").asText().startsWith("3."), "OpenAPI 3");
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(o -> {
            JsonNode op = o.getValue();
            String where = o.getKey() + " " + p.getKey();
            assertFalse(op.path("summary").asText().isBlank(), where + " has a summary");
            assertTrue(op.path("responses").has("200"), where + " documents its answer");
            if (o.getKey().equals("post")) {
                JsonNode content = op.path("requestBody").path("content");
                assertTrue(content.has("application/json") || p.getKey().equals("/upload") && content.has("multipart/form-data"),
                        where + " has a JSON body (an upload: multipart)");
                assertTrue(op.path("responses").path("200").toString().contains("#/components/schemas/Envelope"),
                        where + " answers the envelope");
            }
        }));
    }

    @Test
    void theBrowsablePageIsSelfContainedAndLoadsTheDocument() throws Exception {
        HttpResponse<String> r = get("/docs");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("fetch(\"openapi.json\")"), "the page renders /openapi.json");
        assertFalse(r.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external script, style or font");
    }
}
