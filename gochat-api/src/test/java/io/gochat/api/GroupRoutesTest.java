package io.gochat.api;

import static io.gochat.api.HttpJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** /group/* over HTTP against a real logic server: a group from zero, and refusals in the envelope. */
class GroupRoutesTest {
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
                () -> http.post("/user/login", json("userName", "x", "passWord", "y")).get("message").asText()
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

    record User(String token, long id) {
    }

    static User register(String name) {
        JsonNode r = http.post("/user/register", json("userName", name, "passWord", "pw"));
        assertEquals(0, r.get("code").asInt(), r.toString());
        String token = r.get("data").asText();
        long id = http.post("/user/checkAuth", json("authToken", token)).get("data").get("userId").asLong();
        return new User(token, id);
    }

    static JsonNode call(String route, User as, Object... fields) {
        Object[] all = new Object[fields.length + 2];
        all[0] = "authToken";
        all[1] = as.token();
        System.arraycopy(fields, 0, all, 2, fields.length);
        return http.post("/group/" + route, json(all));
    }

    static JsonNode ok(String route, User as, Object... fields) {
        JsonNode r = call(route, as, fields);
        assertEquals(0, r.get("code").asInt(), route + ": " + r);
        return r;
    }

    static void refused(String message, String route, User as, Object... fields) {
        JsonNode r = call(route, as, fields);
        assertEquals(1, r.get("code").asInt(), route + ": " + r);
        assertEquals(message, r.get("message").asText());
    }

    @Test
    void threeUsersMakeAGroupFromZeroAndChatInItOverHttp() {
        User ana = register("ana");
        User ben = register("ben");
        User cy = register("cy");
        JsonNode made = ok("create", ana, "name", "Tea club", "notice", "green only", "joinPolicy", "approval");
        String g = made.get("data").get("groupId").asText();   // ids as strings, as browsers send them
        assertEquals("approval", made.get("data").get("joinPolicy").asText());
        assertEquals(500, made.get("data").get("memberLimit").asInt(), "group.memberLimit by default");
        assertEquals(g, ok("search", ben, "query", "TEA").get("data").get(0).get("groupId").asText());
        ok("join", ben, "groupId", g, "note", "I'm Ben from work");
        JsonNode requests = ok("requests", ana, "groupId", g).get("data");
        assertEquals("I'm Ben from work", requests.get(0).get("note").asText());
        ok("approve", ana, "groupId", g, "userId", Long.toString(ben.id()));
        ok("invite", ana, "groupId", g, "userId", cy.id());
        ok("role", ana, "groupId", g, "userId", ben.id(), "role", "admin");
        ok("nickname", cy, "groupId", g, "nickname", "Cy the cat");
        ok("send", cy, "groupId", g, "msg", "hi all");
        ok("send", ben, "groupId", g, "msg", "welcome");
        JsonNode members = ok("members", cy, "groupId", g).get("data");
        assertEquals(3, members.size());
        assertEquals("owner", members.get(0).get("role").asText());
        JsonNode history = ok("history", cy, "groupId", g).get("data");
        StringBuilder texts = new StringBuilder();
        for (JsonNode m : history) {
            if (m.get("op").asInt() == 30) {
                texts.append(m.get("msg").asText()).append('|');
            }
        }
        assertEquals("hi all|welcome|", texts.toString());
        JsonNode mine = ok("mine", ben).get("data");
        assertEquals("admin", mine.get(0).get("myRole").asText());
        JsonNode notices = ok("notices", ben).get("data");
        assertTrue(notices.toString().contains("\"event\":\"added\""), notices.toString());
    }

    @Test
    void refusalsComeInTheEnvelopeWithAReasonAndBadFieldsAreNamed() {
        User owner = register("olga");
        User member = register("mia");
        User stranger = register("stan");
        String g = ok("create", owner, "name", "Quiet room", "joinPolicy", "open").get("data").get("groupId").asText();
        ok("join", member, "groupId", g);
        refused("you are not an admin of group " + g, "kick", member, "groupId", g, "userId", owner.id());
        refused("you cannot remove yourself from group " + g + "; leave it instead", "kick", owner, "groupId", g,
                "userId", owner.id());
        refused("you are not a member of group " + g, "history", stranger, "groupId", g);
        refused("you are not a member of group " + g, "send", stranger, "groupId", g, "msg", "hello?");
        ok("mute", owner, "groupId", g, "userId", member.id(), "seconds", 300);
        JsonNode muted = call("send", member, "groupId", g, "msg", "can I talk?");
        assertEquals(1, muted.get("code").asInt());
        assertTrue(muted.get("message").asText().startsWith("you are muted in group " + g), muted.toString());
        ok("kick", owner, "groupId", g, "userId", member.id(), "ban", true);
        refused("you are banned from group " + g, "join", member, "groupId", g);
        refused("groupId is required (a positive number)", "members", owner);
        refused("groupId must be a number", "members", owner, "groupId", "twelve");
        refused("ban must be true or false", "kick", owner, "groupId", g, "userId", member.id(), "ban", "yes");
        refused("seconds is required (0 unmutes)", "mute", owner, "groupId", g, "userId", member.id());
        JsonNode badSession = http.post("/group/mine", json("authToken", "nope"));
        assertEquals(40000, badSession.get("code").asInt());
    }
}
