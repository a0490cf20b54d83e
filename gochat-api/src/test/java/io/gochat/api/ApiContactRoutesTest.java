package io.gochat.api;

import static io.gochat.api.HttpJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.config.GochatConfig;
import io.gochat.logic.LogicServer;
import io.gochat.logic.TestLogic;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile and contacts routes against a real logic server ({@code im.privateMessages=friends}):
 * envelopes, field checks, and every rule tried by a user it must refuse.
 */
class ApiContactRoutesTest {
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
        GochatConfig config = ApiCluster.config(etcd.endpoints(), redis.url(), dir).with("im.privateMessages", "friends");
        logic = TestLogic.start(config);
        api = ApiCluster.startApi(config);
        http = new HttpJson(api.port());
        Eventually.await(Duration.ofSeconds(10), "api sees logic's contacts",
                () -> http.post("/contacts/friends", json("authToken", "x")).get("code").asInt() == 40000);
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

    record User(long id, String token) {
    }

    static User register(String name) {
        JsonNode r = http.post("/user/register", json("userName", name, "passWord", "pw-" + name));
        assertEquals(0, r.get("code").asInt(), r.toString());
        String token = r.get("data").asText();
        long id = http.post("/user/checkAuth", json("authToken", token)).path("data").path("userId").asLong();
        return new User(id, token);
    }

    static JsonNode post(String path, User as, Object... fields) {
        Object[] all = new Object[fields.length + 2];
        all[0] = "authToken";
        all[1] = as.token();
        System.arraycopy(fields, 0, all, 2, fields.length);
        return http.post(path, json(all));
    }

    static void ok(JsonNode reply) {
        assertEquals(0, reply.get("code").asInt(), reply.toString());
    }

    static void refused(String message, JsonNode reply) {
        assertEquals(1, reply.get("code").asInt(), reply.toString());
        assertEquals(message, reply.get("message").asText());
    }

    static List<Long> ids(JsonNode list, String path) {
        List<Long> out = new ArrayList<>();
        list.forEach(n -> out.add(path.isEmpty() ? n.path("userId").asLong() : n.path(path).path("userId").asLong()));
        return out;
    }

    @Test
    void twoUsersBecomeFriendsOverHttpAndAThirdCannotMeddle() {
        User ana = register("ana");
        User ben = register("ben");
        User eve = register("eve");

        JsonNode profile = post("/user/profile/update", ana, "nickname", "Ana Lopez", "status", "away", "bio", "hi");
        ok(profile);
        assertEquals("Ana Lopez", profile.path("data").path("nickname").asText());
        assertEquals(List.of(ana.id()), ids(post("/user/search", ben, "prefix", "ana l").path("data"), ""),
                "found by nickname prefix");
        assertEquals(List.of(ana.id()), ids(post("/user/search", ben, "prefix", "AN").path("data"), ""),
                "found by name prefix");
        assertEquals("Ana Lopez", post("/user/profile", ben, "userId", ana.id()).path("data").path("nickname").asText());
        assertEquals("offline", post("/user/profile", ben, "userId", ana.id()).path("data").path("status").asText(),
                "nobody is connected");
        assertEquals("away", post("/user/profile", ana).path("data").path("status").asText(), "her own, as chosen");

        ok(post("/contacts/request", ana, "toUserId", String.valueOf(ben.id()), "note", "I'm Ana from work"));
        JsonNode incoming = post("/contacts/requests", ben, "box", "incoming").path("data");
        assertEquals(1, incoming.size());
        assertEquals("I'm Ana from work", incoming.get(0).path("note").asText());
        long requestId = incoming.get(0).path("id").asLong();
        assertEquals(0, post("/contacts/requests", eve).path("data").size(), "eve sees no one else's requests");
        refused("friend request " + requestId + " is not addressed to you",
                post("/contacts/answer", eve, "requestId", requestId, "accept", true));
        ok(post("/contacts/answer", ben, "requestId", String.valueOf(requestId), "accept", true));

        assertEquals(List.of(ben.id()), ids(post("/contacts/friends", ana).path("data"), "user"));
        assertEquals(List.of(ana.id()), ids(post("/contacts/friends", ben).path("data"), "user"));
        assertEquals(0, post("/contacts/friends", eve).path("data").size());
        ok(post("/contacts/remark", ana, "friendId", ben.id(), "remark", "Ben (work)"));
        assertEquals("Ben (work)", post("/contacts/friends", ana).path("data").get(0).path("remark").asText());
        refused("user " + ben.id() + " is not your friend", post("/contacts/remark", eve, "friendId", ben.id(), "remark", "x"));
        assertEquals("", post("/contacts/friends", ben).path("data").get(0).path("remark").asText());

        JsonNode notices = post("/contacts/notices", ben).path("data");
        assertEquals(20, notices.get(0).path("op").asInt(), "ben's stored friend request notice: " + notices);
        assertEquals(21, post("/contacts/notices", ana).path("data").get(0).path("op").asInt());
    }

    @Test
    void theFriendsPolicyAndBlocksHoldOnPushPush() {
        User cat = register("cat");
        User dan = register("dan");
        User fox = register("fox");
        ok(post("/contacts/request", cat, "toUserId", dan.id()));
        ok(post("/contacts/request", dan, "toUserId", cat.id()));   // mutual: friends at once
        ok(post("/push/push", cat, "toUserId", String.valueOf(dan.id()), "msg", "hi dan", "roomId", 1));
        refused("user " + dan.id() + " is not your friend: this server delivers private messages between friends only",
                post("/push/push", fox, "toUserId", String.valueOf(dan.id()), "msg", "hi", "roomId", 1));

        ok(post("/contacts/block", dan, "userId", cat.id()));
        refused("user " + dan.id() + " has blocked you",
                post("/push/push", cat, "toUserId", String.valueOf(dan.id()), "msg", "hello?", "roomId", 1));
        refused("user " + dan.id() + " has blocked you", post("/contacts/request", cat, "toUserId", dan.id()));
        assertEquals(List.of(cat.id()), ids(post("/contacts/blocked", dan).path("data"), ""));
        assertEquals(0, post("/contacts/friends", cat).path("data").size(), "blocking removed the friendship");
        ok(post("/contacts/unblock", dan, "userId", cat.id()));
        refused("user " + dan.id() + " is not your friend: this server delivers private messages between friends only",
                post("/push/push", cat, "toUserId", String.valueOf(dan.id()), "msg", "back?", "roomId", 1));
    }

    @Test
    void removingAFriendWithItsHistoryEmptiesTheRemoversHistoryOnly() {
        User gil = register("gil");
        User hal = register("hal");
        ok(post("/contacts/request", gil, "toUserId", hal.id()));
        ok(post("/contacts/request", hal, "toUserId", gil.id()));
        ok(post("/push/push", gil, "toUserId", String.valueOf(hal.id()), "msg", "old news", "roomId", 1));
        Eventually.await(Duration.ofSeconds(10), "the message is stored",
                () -> post("/history/private", hal, "withUserId", gil.id()).path("data").size() == 1);
        ok(post("/contacts/remove", gil, "friendId", hal.id(), "deleteHistory", true));
        assertEquals(0, post("/history/private", gil, "withUserId", hal.id()).path("data").size());
        assertEquals(1, post("/history/private", hal, "withUserId", gil.id()).path("data").size(), "hal keeps his");
        assertEquals(0, post("/contacts/friends", hal).path("data").size(), "both sides");
        JsonNode notices = post("/contacts/notices", hal).path("data");
        assertEquals(23, notices.get(notices.size() - 1).path("op").asInt(), "the newest last: " + notices);
    }

    /** The routes take no "whose": a user named in the body is ignored, the token's user is the one acted for. */
    @Test
    void nobodyChangesOrReadsAnotherUsersProfileFriendsOrNotices() {
        User kim = register("kim");
        User lee = register("lee");
        ok(post("/contacts/request", kim, "toUserId", lee.id(), "note", "hello lee"));
        ok(post("/user/profile/update", lee, "userId", kim.id(), "nickname", "hacked by lee"));
        assertEquals("", post("/user/profile", kim).path("data").path("nickname").asText(), "kim's profile is untouched");
        assertEquals("hacked by lee", post("/user/profile", lee).path("data").path("nickname").asText(),
                "the change went to lee's own profile");
        assertEquals(0, post("/contacts/requests", kim, "userId", lee.id(), "box", "incoming").path("data").size(),
                "kim cannot list lee's incoming requests");
        assertEquals(0, post("/contacts/notices", kim, "userId", lee.id()).path("data").size(),
                "nor read lee's notices");
        assertEquals(1, post("/contacts/notices", lee).path("data").size());
    }

    @Test
    void badFieldsAndBadSessionsAreAnsweredWithoutAction() {
        User ivy = register("ivy");
        refused("toUserId is required (a user id)", post("/contacts/request", ivy));
        refused("accept is required (true or false)", post("/contacts/answer", ivy, "requestId", 1));
        refused("accept must be true or false", post("/contacts/answer", ivy, "requestId", 1, "accept", "yes"));
        refused("box must be incoming, outgoing or pending", post("/contacts/requests", ivy, "box", "all"));
        refused("status must be online, away, busy or invisible", post("/user/profile/update", ivy, "status", "gone"));
        refused("avatarUrl must be an http or https URL", post("/user/profile/update", ivy, "avatarUrl", "file:///etc/passwd"));
        refused("prefix is required", post("/user/search", ivy));
        refused("you cannot send a friend request to yourself", post("/contacts/request", ivy, "toUserId", ivy.id()));
        refused("no user with id 424242", post("/contacts/request", ivy, "toUserId", 424242));
        assertEquals(40000, http.post("/contacts/friends", json("authToken", "nope")).get("code").asInt());
        assertEquals(40000, http.post("/user/profile", json("authToken", "nope")).get("code").asInt());
        refused("authToken is required", http.post("/contacts/blocked", "{}"));
    }
}
