package io.gochat.api;

import static io.gochat.api.HttpJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.config.GochatConfig;
import io.gochat.logic.LogicServer;
import io.gochat.logic.TestLogic;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Whatever a client sends, it gets HTTP 200 and a readable envelope: never a 500, a stack trace or a crash. */
class ApiBadInputTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static LogicServer logic;
    static ApiServer api;
    static HttpJson http;

    @BeforeAll
    static void start() {
        GochatConfig config = ApiCluster.config(etcd.endpoints(), redis.url(), dir);
        logic = TestLogic.start(config);
        api = ApiCluster.startApi(config);
        http = new HttpJson(api.port());
        Eventually.await(Duration.ofSeconds(10), "api sees logic", () -> http.post("/user/register",
                json("userName", "probe", "passWord", "pw")).get("code").asInt() == 0);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (logic != null) {
            logic.close();
        }
    }

    static void assertFails(JsonNode r, String messagePart) {
        assertEquals(1, r.get("code").asInt(), r.toString());
        assertTrue(r.get("message").asText().contains(messagePart), "message of " + r + " should mention " + messagePart);
        assertTrue(r.get("data").isNull());
    }

    @Test
    void malformedOrNonObjectBodiesAreRefusedReadably() {
        assertFails(http.post("/user/register", "{\"userName\": "), "not valid JSON");
        assertFails(http.post("/user/register", "not json at all"), "not valid JSON");
        assertFails(http.post("/user/register", "[{\"userName\":\"a\",\"passWord\":\"b\"}]"), "JSON object");
        assertFails(http.post("/user/login", "\"a string\""), "JSON object");
        assertFails(http.post("/user/login", "42"), "JSON object");
        assertFails(http.post("/user/login", "null"), "JSON object");
        assertFails(http.post("/user/login", ""), "JSON object");
        assertFails(http.post("/user/login", "[".repeat(5000)), "JSON");
    }

    @Test
    void missingEmptyAndWronglyTypedFieldsAreRefused() {
        assertFails(http.post("/user/register", json("passWord", "pw")), "userName is required");
        assertFails(http.post("/user/register", json("userName", "abc")), "passWord is required");
        assertFails(http.post("/user/register", json("userName", "", "passWord", "pw")), "userName is required");
        assertFails(http.post("/user/register", json("userName", 12345, "passWord", "pw")), "userName must be a string");
        assertFails(http.post("/user/login", json("userName", "abc", "passWord", 111111)), "passWord must be a string");
        assertFails(http.post("/user/register", json("userName", true, "passWord", "pw")), "must be a string");
        assertFails(http.post("/user/register", "{\"userName\":{\"a\":1},\"passWord\":\"pw\"}"), "must be a string");
    }

    @Test
    void overlongNamesAndPasswordsAreRefused() {
        assertFails(http.post("/user/register", json("userName", "n".repeat(21), "passWord", "pw")), "at most 20");
        assertFails(http.post("/user/register", json("userName", "okay", "passWord", "p".repeat(65))), "at most 64");
        assertEquals(0, http.post("/user/register", json("userName", "名".repeat(20), "passWord", "p".repeat(64)))
                .get("code").asInt(), "20 characters, not bytes");
    }

    @Test
    void unknownRoutesAndWrongMethodsGetGochatsMessage() {
        assertFails(http.post("/user/nothing", "{}"), "please check request url !");
        assertFails(http.post("/", "{}"), "please check request url !");
        assertFails(HttpJson.envelope(http.send(http.request("/user/login").GET())), "please check request url !");
        assertFails(HttpJson.envelope(http.send(http.request("/user/login")
                .method("DELETE", HttpRequest.BodyPublishers.noBody()))), "please check request url !");
        assertFails(HttpJson.envelope(http.send(http.request("/push/push")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")))), "please check request url !");
    }

    @Test
    void aHugeBodyIsRefusedAndTheServerKeepsServing() {
        String huge = json("userName", "big", "passWord", "x".repeat(200_000));
        assertFails(http.post("/user/register", huge), "larger than");
        HttpResponse<String> chunked = http.send(http.request("/user/register").POST(
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes()))));
        assertFails(HttpJson.envelope(chunked), "larger than");
        assertFails(http.post("/user/login", json("userName", "big", "passWord", "x")), "no this user");
    }

    @Test
    void bodiesAreReadAsJsonWithOrWithoutAContentType() {
        String body = json("userName", "noctype", "passWord", "pw");
        HttpResponse<String> r = http.send(http.request("/user/register").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(0, HttpJson.envelope(r).get("code").asInt());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        HttpResponse<String> form = http.send(http.request("/user/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("userName=noctype&passWord=pw")));
        assertFails(HttpJson.envelope(form), "not valid JSON");
        HttpResponse<String> textPlain = http.send(http.request("/user/login").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(0, HttpJson.envelope(textPlain).get("code").asInt());
    }

    @Test
    void aPreflightFromTheSiteGetsCorsHeadersAndNoBody() {
        HttpResponse<String> r = http.send(http.request("/user/login")
                .header("Origin", "http://127.0.0.1:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertTrue(r.statusCode() == 204 || r.statusCode() == 200, "status " + r.statusCode());
        assertEquals("", r.body());
        assertEquals(Optional.of("http://127.0.0.1:8080"), r.headers().firstValue("Access-Control-Allow-Origin"));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Content-Type"));

        HttpResponse<String> unknownPath = http.send(http.request("/no/such/path")
                .header("Origin", "http://127.0.0.1:5173").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertTrue(unknownPath.statusCode() == 204 || unknownPath.statusCode() == 200);
        assertEquals("", unknownPath.body());
    }

    /** The old default let any host's port 8080 (and any localhost page) call the API with the visitor's browser. */
    @Test
    void aForeignOriginGetsNoCorsHeaders() {
        HttpResponse<String> r = http.send(http.request("/user/login").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(json("userName", "a", "passWord", "b"))));
        assertEquals(200, r.statusCode());
        assertFalse(r.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        for (String foreign : new String[] {"http://chat.example:8080", "http://localhost:5173", "http://127.0.0.1:9999"}) {
            HttpResponse<String> other = http.send(http.request("/user/login").header("Origin", foreign)
                    .POST(HttpRequest.BodyPublishers.ofString(json("userName", "a", "passWord", "b"))));
            assertFalse(other.headers().firstValue("Access-Control-Allow-Origin").isPresent(), foreign);
        }
        HttpResponse<String> site = http.send(http.request("/user/login").header("Origin", "http://127.0.0.1:8080")
                .POST(HttpRequest.BodyPublishers.ofString(json("userName", "a", "passWord", "b"))));
        assertEquals(Optional.of("http://127.0.0.1:8080"), site.headers().firstValue("Access-Control-Allow-Origin"),
                "the site on the host the API was reached at");
    }
}
