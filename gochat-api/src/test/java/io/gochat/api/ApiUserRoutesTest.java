package io.gochat.api;

import static io.gochat.api.HttpJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.config.GochatConfig;
import io.gochat.logic.LogicServer;
import io.gochat.logic.TestLogic;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** gochat's /user/* and /push/* bodies, messages and codes against a real logic server. */
class ApiUserRoutesTest {
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
        Eventually.await(Duration.ofSeconds(10), "api sees logic",
                () -> http.post("/user/login", json("userName", "x", "passWord", "y")).get("code").asInt() == 1
                        && http.post("/user/login", json("userName", "x", "passWord", "y")).get("message").asText()
                        .equals("no this user or password error!"));
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

    static String register(String name, String password) {
        JsonNode r = http.post("/user/register", json("userName", name, "passWord", password));
        assertEquals(0, r.get("code").asInt(), r.toString());
        return r.get("data").asText();
    }

    @Test
    void registerLoginCheckAuthAndLogoutAnswerLikeGochat() {
        JsonNode reg = http.post("/user/register", json("userName", "ann", "passWord", "111111"));
        assertEquals(0, reg.get("code").asInt());
        assertEquals("register success", reg.get("message").asText());
        String regToken = reg.get("data").asText();
        assertEquals(44, regToken.length());

        JsonNode login = http.post("/user/login", json("userName", "ann", "passWord", "111111"));
        assertEquals(0, login.get("code").asInt());
        assertEquals("login success", login.get("message").asText());
        String token = login.get("data").asText();
        assertNotEquals(regToken, token);

        JsonNode auth = http.post("/user/checkAuth", json("authToken", token));
        assertEquals(0, auth.get("code").asInt());
        assertEquals("auth success", auth.get("message").asText());
        assertTrue(auth.get("data").get("userId").isIntegralNumber());
        assertTrue(auth.get("data").get("userId").asLong() > 0);
        assertEquals("ann", auth.get("data").get("userName").asText());

        JsonNode logout = http.post("/user/logout", json("authToken", token));
        assertEquals(0, logout.get("code").asInt());
        assertEquals("logout ok!", logout.get("message").asText());
        assertTrue(logout.get("data").isNull());
    }

    @Test
    void aTakenNameAndAWrongPasswordAreCode1WithGochatsTexts() {
        register("ben", "pw");
        JsonNode again = http.post("/user/register", json("userName", "ben", "passWord", "pw"));
        assertEquals(1, again.get("code").asInt());
        assertEquals("this user name already have , please login !!!", again.get("message").asText());
        assertTrue(again.get("data").isNull());

        JsonNode wrong = http.post("/user/login", json("userName", "ben", "passWord", "nope"));
        assertEquals(1, wrong.get("code").asInt());
        assertEquals("no this user or password error!", wrong.get("message").asText());
        JsonNode unknown = http.post("/user/login", json("userName", "nobody", "passWord", "nope"));
        assertEquals(wrong, unknown);
    }

    @Test
    void aRevokedTokenIsASessionErrorEverywhere() {
        String token = register("cat", "pw");
        assertEquals(0, http.post("/user/logout", json("authToken", token)).get("code").asInt());
        for (String path : new String[] {"/user/checkAuth", "/user/logout", "/push/push", "/push/pushRoom",
                "/push/count", "/push/getRoomInfo"}) {
            JsonNode r = http.post(path, json("authToken", token, "roomId", 1, "msg", "hi", "toUserId", "1"));
            assertEquals(40000, r.get("code").asInt(), path + " " + r);
            assertEquals("Session error", r.get("message").asText());
            assertTrue(r.get("data").isNull());
        }
    }

    @Test
    void missingEmptyOrNonStringTokensAreSessionErrors() {
        assertEquals(40000, http.post("/user/checkAuth", "{}").get("code").asInt());
        assertEquals(40000, http.post("/user/checkAuth", json("authToken", "")).get("code").asInt());
        assertEquals(40000, http.post("/user/checkAuth", json("authToken", 123)).get("code").asInt());
        assertEquals(40000, http.post("/user/checkAuth", json("authToken", "made-up")).get("code").asInt());
        assertEquals(40000, http.post("/push/count", json("authToken", "x".repeat(5000))).get("code").asInt());
    }

    @Test
    void pushRoutesCheckTheSessionBeforeTheirFields() {
        for (String path : new String[] {"/push/push", "/push/pushRoom", "/push/count", "/push/getRoomInfo"}) {
            assertEquals(40000, http.post(path, json("authToken", "made-up")).get("code").asInt(), path);
        }
    }

    @Test
    void pushRoutesExplainWhatIsMissingOrWrong() {
        String token = register("dan", "pw");
        JsonNode noRoom = http.post("/push/pushRoom", json("authToken", token, "msg", "hi"));
        assertEquals(1, noRoom.get("code").asInt());
        assertTrue(noRoom.get("message").asText().contains("roomId"), noRoom.toString());
        JsonNode badTo = http.post("/push/push", json("authToken", token, "msg", "hi", "toUserId", "bob"));
        assertTrue(badTo.get("message").asText().contains("toUserId"), badTo.toString());
        JsonNode unknown = http.post("/push/push", json("authToken", token, "msg", "hi", "toUserId", "987654"));
        assertEquals(1, unknown.get("code").asInt());
        assertTrue(unknown.get("message").asText().contains("no user with id 987654"), unknown.toString());
        JsonNode empty = http.post("/push/pushRoom", json("authToken", token, "msg", " ", "roomId", 1));
        assertTrue(empty.get("message").asText().contains("msg"), empty.toString());
    }

    @Test
    void aPrivateMessageToAUserWhoIsNotOnlineIsStoredForThem() {
        String sender = register("erin", "pw");
        String recipient = register("fred", "pw");
        long fredId = http.post("/user/checkAuth", json("authToken", recipient)).get("data").get("userId").asLong();
        JsonNode r = http.post("/push/push", json("authToken", sender, "msg", "hi", "toUserId", String.valueOf(fredId),
                "roomId", 1));
        assertEquals(0, r.get("code").asInt(), r.toString());
        assertEquals("ok, stored for offline delivery", r.get("message").asText());
    }

    @Test
    void roomMessagesAreAcceptedWithGochatsAnswer() {
        String token = register("gail", "pw");
        JsonNode r = http.post("/push/pushRoom", json("authToken", token, "msg", "hello room", "roomId", 3));
        assertEquals(0, r.get("code").asInt(), r.toString());
        assertEquals("ok", r.get("message").asText());
        assertEquals("", r.get("data").asText());
        JsonNode count = http.post("/push/count", json("authToken", token, "roomId", 3));
        assertEquals(0, count.get("code").asInt(), count.toString());
    }
}
