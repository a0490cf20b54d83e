package io.gochat.api;

import static io.gochat.api.HttpJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.json.Json;
import io.gochat.logic.LogicServer;
import io.gochat.logic.TestLogic;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import io.gochat.testkit.SelfSignedPem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits per client IP, the wrong-password lockout per IP, the token-pair routes and HTTPS, on a
 * real api in front of a real logic. The api trusts X-Forwarded-For here, so each test is its own client.
 */
class ApiSecurityTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static final AtomicInteger ips = new AtomicInteger(10);
    static LogicServer logic;
    static ApiServer api;
    static ApiServer https;
    static SelfSignedPem pem;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        GochatConfig config = ApiCluster.config(etcd.endpoints(), redis.url(), dir)
                .with("api.forwardedFor", true)
                .with("limit.register", "3/1m")
                .with("limit.login", "6/1m")
                .with("limit.loginFailures.ip", "3/1m")
                .with("limit.push.ip", "4/1m");
        logic = TestLogic.start(config);
        api = ApiCluster.startApi(config);
        pem = SelfSignedPem.create(dir);
        https = ApiCluster.startApi(config.with("tls.cert", pem.cert().toString()).with("tls.key", pem.key().toString()));
        Eventually.await(Duration.ofSeconds(10), "api sees logic",
                () -> post(newIp(), "/user/login", json("userName", "x", "passWord", "y")).get("code").asInt() == 1
                        && !post(newIp(), "/user/login", json("userName", "x", "passWord", "y")).get("message")
                        .asText().contains("unavailable"));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {https, api, logic}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    static String newIp() {
        return "203.0.113." + ips.incrementAndGet();
    }

    static HttpResponse<String> send(String ip, String path, String body) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                    .header("X-Forwarded-For", "198.51.100.7, " + ip)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode post(String ip, String path, String body) {
        return HttpJson.envelope(send(ip, path, body));
    }

    @Test
    void registrationsPerIpAreLimitedWithARetryHint() {
        String ip = newIp();
        for (int i = 0; i < 3; i++) {
            assertEquals(0, post(ip, "/user/register", json("userName", "reg" + ip.hashCode() + i, "passWord", "pw"))
                    .get("code").asInt());
        }
        HttpResponse<String> limited = send(ip, "/user/register", json("userName", "one-more", "passWord", "pw"));
        JsonNode r = HttpJson.envelope(limited);
        assertEquals(1, r.get("code").asInt());
        assertTrue(r.get("message").asText().matches("too many requests, retry in \\d+ s"), r.toString());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertEquals(0, post(newIp(), "/user/register", json("userName", "other-ip", "passWord", "pw"))
                .get("code").asInt(), "another client is not affected");
    }

    @Test
    void wrongPasswordsFromOneIpLockItsLoginsWhileOtherClientsLogIn() {
        post(newIp(), "/user/register", json("userName", "victim", "passWord", "right"));
        String attacker = newIp();
        for (int i = 0; i < 3; i++) {
            assertEquals("no this user or password error!",
                    post(attacker, "/user/login", json("userName", "victim", "passWord", "guess" + i)).get("message").asText());
        }
        JsonNode locked = post(attacker, "/user/login", json("userName", "victim", "passWord", "right"));
        assertTrue(locked.get("message").asText().startsWith("too many requests, retry in"), locked.toString());
        assertEquals(0, post(newIp(), "/user/login", json("userName", "victim", "passWord", "right")).get("code").asInt());
    }

    @Test
    void pushRoutesPerIpAreLimited() {
        String ip = newIp();
        String token = post(ip, "/user/register", json("userName", "pusher", "passWord", "pw")).get("data").asText();
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            JsonNode r = post(ip, "/push/count", json("authToken", token, "roomId", 1));
            if (r.get("message").asText().startsWith("too many requests")) {
                limited++;
            }
        }
        assertEquals(2, limited, "4 per minute pass");
    }

    @Test
    void aTokenPairIsRefreshedOnceWithoutThePasswordAndAPasswordChangeEndsIt() {
        post(newIp(), "/user/register", json("userName", "paula", "passWord", "first-pass"));
        JsonNode pair = post(newIp(), "/user/token", json("userName", "paula", "passWord", "first-pass"));
        assertEquals(0, pair.get("code").asInt(), pair.toString());
        assertEquals(900, pair.get("data").get("expiresIn").asInt());
        String access = pair.get("data").get("accessToken").asText();
        String refresh = pair.get("data").get("refreshToken").asText();
        assertEquals(0, post(newIp(), "/user/checkAuth", json("authToken", access)).get("code").asInt());

        JsonNode next = post(newIp(), "/user/refresh", json("refreshToken", refresh));
        assertEquals(0, next.get("code").asInt(), next.toString());
        assertEquals(40000, post(newIp(), "/user/refresh", json("refreshToken", refresh)).get("code").asInt());
        String access2 = next.get("data").get("accessToken").asText();

        assertEquals("wrong password", post(newIp(), "/user/password",
                json("authToken", access2, "passWord", "nope", "newPassWord", "second-pass")).get("message").asText());
        assertEquals(0, post(newIp(), "/user/password",
                json("authToken", access2, "passWord", "first-pass", "newPassWord", "second-pass")).get("code").asInt());
        assertEquals(40000, post(newIp(), "/user/checkAuth", json("authToken", access2)).get("code").asInt());
        assertEquals(40000, post(newIp(), "/user/refresh", json("refreshToken",
                next.get("data").get("refreshToken").asText())).get("code").asInt());

        String fresh = post(newIp(), "/user/login", json("userName", "paula", "passWord", "second-pass")).get("data").asText();
        assertEquals(0, post(newIp(), "/user/delete", json("authToken", fresh, "passWord", "second-pass")).get("code").asInt());
        assertEquals(40000, post(newIp(), "/user/checkAuth", json("authToken", fresh)).get("code").asInt());
    }

    @Test
    void theApiServesHttpsFromPemFilesAndNoPlainHttpOnThatPort() throws Exception {
        HttpClient tls = HttpClient.newBuilder().sslContext(pem.clientContext()).build();
        HttpResponse<String> r = tls.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + https.port() + "/user/login"))
                .POST(HttpRequest.BodyPublishers.ofString(json("userName", "x", "passWord", "y"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(1, Json.MAPPER.readTree(r.body()).get("code").asInt());
        assertThrows(IOException.class, () -> CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + https.port() + "/user/login")).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
