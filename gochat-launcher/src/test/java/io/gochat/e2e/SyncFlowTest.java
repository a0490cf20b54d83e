package io.gochat.e2e;

import static io.gochat.e2e.Inbox.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.WsTestClient;
import io.gochat.e2e.ChatCluster.Account;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sequence numbers and the sync route end to end (issue #17, "no gap detection"): every room, 1:1 and group
 * message a client receives carries its conversation's {@code seq}; {@code /message/sync} answers exactly what
 * follows a number, paged, recalled messages as tombstones, and only to users who may see the conversation.
 */
class SyncFlowTest {
    @RegisterExtension
    static ChatCluster chat = new ChatCluster(LocalCluster.Layout.ONE_PROCESS);

    static final Duration WAIT = ChatCluster.WAIT;
    static final AtomicInteger ROOMS = new AtomicInteger(700);

    static ConnectServer ws;
    static ApiClient api;

    @BeforeAll
    static void startCluster() {
        chat.cluster().logic();
        ws = chat.cluster().ws("ws-1");
        chat.cluster().task();
        api = chat.startApi();
        chat.awaitApiReachesLogic();
    }

    void closeClients() throws Exception {
        chat.closeClients();
    }

    private static Account user() {
        return chat.signUp(chat.name("s"));
    }

    /** {@code u} on a WebSocket in {@code room}, once presence has the connection. */
    private Inbox connect(Account u, long room) {
        ChatCluster.User on = chat.onWs(ws, u, room);
        lastSocket = on.ws();
        chat.awaitInRoom(u, on.inbox(), room);
        return on.inbox();
    }

    private WsTestClient lastSocket;

    private static JsonNode sync(Account as, Object... fields) {
        return chat.post("/message/sync", as.token(), fields);
    }

    private static List<String> texts(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("data").path("messages").forEach(m -> out.add(m.path("seq").asLong() + ":" + m.path("msg").asText()));
        return out;
    }

    private static void pushRoom(Account as, long room, String msg) {
        assertEquals(0, api.post("/push/pushRoom", "authToken", as.token(), "msg", msg, "roomId", room).get("code").asInt());
    }

    @Test
    void roomMessagesCarryConsecutiveSeqsAndSyncAnswersExactlyTheGapPageByPage() throws Exception {
        long room = ROOMS.incrementAndGet();
        Account ann = user();
        Account ben = user();
        connect(ann, room);
        Inbox benInbox = connect(ben, room);
        for (int i = 1; i <= 5; i++) {
            pushRoom(ann, room, "live " + i);
        }
        for (int i = 1; i <= 5; i++) {
            JsonNode frame = benInbox.await(WAIT, "live " + i, text("live " + i));
            assertEquals(i, frame.path("seq").asLong(), "seq in the delivered frame: " + frame);
            assertEquals(3, frame.path("op").asInt());
            assertEquals(room, frame.path("roomId").asLong(), "gochat's fields are all there: " + frame);
        }
        closeClients();   // ben goes away; ann stays, so the room goes on
        Inbox annBack = connect(ann, room);
        for (int i = 6; i <= 12; i++) {
            pushRoom(ann, room, "missed " + i);
        }
        annBack.await(WAIT, "the last one", text("missed 12"));
        connect(ben, room);   // back: he has up to seq 5

        JsonNode first = sync(ben, "roomId", room, "afterSeq", 5, "limit", 4);
        assertEquals(0, first.get("code").asInt(), first.toString());
        assertEquals(List.of("6:missed 6", "7:missed 7", "8:missed 8", "9:missed 9"), texts(first));
        assertTrue(first.path("data").path("hasMore").asBoolean());
        assertEquals(12, first.path("data").path("lastSeq").asLong());
        assertEquals("r:" + room, first.path("data").path("conversation").asText());
        JsonNode rest = sync(ben, "conversation", "r:" + room, "afterSeq", "9", "limit", 4);
        assertEquals(List.of("10:missed 10", "11:missed 11", "12:missed 12"), texts(rest));
        assertFalse(rest.path("data").path("hasMore").asBoolean());
        assertEquals(List.of(), texts(sync(ben, "roomId", room, "afterSeq", 12)), "nothing after the last");
    }

    @Test
    void privateAndGroupConversationsAreNumberedOnTheirOwnAndSynced() {
        long room = ROOMS.incrementAndGet();
        Account ann = user();
        Account ben = user();
        Inbox benInbox = connect(ben, room);
        for (int i = 1; i <= 3; i++) {
            assertEquals(0, api.post("/push/push", "authToken", ann.token(), "msg", "dm " + i,
                    "toUserId", String.valueOf(ben.id()), "roomId", room).get("code").asInt());
        }
        for (int i = 1; i <= 3; i++) {
            assertEquals(i, benInbox.await(WAIT, "dm " + i, text("dm " + i)).path("seq").asLong());
        }
        assertEquals(List.of("2:dm 2", "3:dm 3"), texts(sync(ben, "withUserId", ann.id(), "afterSeq", 1)));
        assertEquals(List.of("3:dm 3"), texts(sync(ann, "conversation",
                "p:" + Math.min(ann.id(), ben.id()) + ":" + Math.max(ann.id(), ben.id()), "afterSeq", 2)));

        String g = api.post("/group/create", "authToken", ann.token(), "name", "seq club", "joinPolicy", "open")
                .path("data").path("groupId").asText();
        assertEquals(0, api.post("/group/join", "authToken", ben.token(), "groupId", g).get("code").asInt());
        for (int i = 1; i <= 3; i++) {
            assertEquals(0, api.post("/group/send", "authToken", ann.token(), "groupId", g, "msg", "g " + i)
                    .get("code").asInt());
        }
        benInbox.await(WAIT, "g 3", text("g 3"));
        JsonNode all = sync(ben, "groupId", g);
        List<Long> seqs = new ArrayList<>();
        all.path("data").path("messages").forEach(m -> seqs.add(m.path("seq").asLong()));
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(i + 1, seqs.get(i), "the group's messages and events numbered 1..n: " + all);
        }
        assertEquals(List.of("g 1", "g 2", "g 3"), texts(all).stream().filter(t -> t.contains(":g "))
                .map(t -> t.substring(t.indexOf(':') + 1)).toList());
        assertEquals(seqs.get(seqs.size() - 1).longValue(), all.path("data").path("lastSeq").asLong());
    }

    @Test
    void aConversationTheCallerMayNotSeeIsRefused() {
        long room = ROOMS.incrementAndGet();
        Account ann = user();
        Account ben = user();
        Account eve = user();
        connect(ann, room);
        pushRoom(ann, room, "members only");
        assertEquals(0, api.post("/push/push", "authToken", ann.token(), "msg", "just us",
                "toUserId", String.valueOf(ben.id()), "roomId", room).get("code").asInt());
        String g = api.post("/group/create", "authToken", ann.token(), "name", "closed", "joinPolicy", "invite")
                .path("data").path("groupId").asText();

        JsonNode r = sync(eve, "roomId", room);
        assertEquals(1, r.get("code").asInt(), r.toString());
        assertEquals("only members of room " + room + " may sync it; connect to the room first", r.get("message").asText());
        r = sync(eve, "conversation", "p:" + Math.min(ann.id(), ben.id()) + ":" + Math.max(ann.id(), ben.id()));
        assertEquals(1, r.get("code").asInt(), r.toString());
        assertTrue(r.get("message").asText().endsWith("is not yours"), r.toString());
        r = sync(eve, "groupId", g);
        assertEquals(1, r.get("code").asInt(), r.toString());
        assertEquals("you are not a member of group " + g, r.get("message").asText());
        r = sync(eve, "conversation", "g:" + g);
        assertEquals(1, r.get("code").asInt(), r.toString());
        assertEquals(List.of(), texts(sync(eve, "withUserId", ann.id())), "her own chat with ann is empty");
        assertEquals(40000, api.post("/message/sync", "authToken", "not-a-token", "roomId", room).get("code").asInt());
        r = sync(ann, "roomId", room, "groupId", g);
        assertEquals(1, r.get("code").asInt(), "exactly one conversation: " + r);
        r = sync(ann, "roomId", room, "afterSeq", -1);
        assertEquals(1, r.get("code").asInt(), r.toString());
    }

    @Test
    void aRecalledMessageComesBackAsATombstoneWithItsNumber() {
        long room = ROOMS.incrementAndGet();
        Account ann = user();
        connect(ann, room);
        pushRoom(ann, room, "kept");
        JsonNode sent = api.post("/message/send", "authToken", ann.token(), "roomId", room, "type", "text",
                "body", java.util.Map.of("text", "oops"));
        assertEquals(0, sent.get("code").asInt(), sent.toString());
        String msgId = sent.path("data").path("msgId").asText();
        pushRoom(ann, room, "after");
        assertEquals(0, api.post("/message/recall", "authToken", ann.token(), "msgId", msgId).get("code").asInt());
        JsonNode page = sync(ann, "roomId", room);
        assertEquals(List.of("1:kept", "2:", "3:after"), texts(page));
        JsonNode tombstone = page.path("data").path("messages").get(1);
        assertTrue(tombstone.path("recalled").asBoolean(), tombstone.toString());
        assertEquals("recalled", tombstone.path("type").asText());
        assertEquals(msgId, tombstone.path("msgId").asText());
        assertTrue(tombstone.path("body").isMissingNode(), "no content: " + tombstone);
    }

    @Test
    void op50SyncsOverTheSocketAsTheConnectionsUserForItsRoomByDefault() {
        long room = ROOMS.incrementAndGet();
        Account ann = user();
        Account eve = user();
        connect(ann, room);
        for (int i = 1; i <= 4; i++) {
            pushRoom(ann, room, "sock " + i);
        }
        Inbox eveInbox = connect(eve, room);
        WsTestClient eveSocket = lastSocket;
        eveSocket.send("{\"op\":50,\"afterSeq\":\"2\",\"ref\":\"s1\"}");
        JsonNode page = eveInbox.await(WAIT, "the op 50 answer", n -> n.path("op").asInt() == 50 && n.has("ref"));
        assertEquals(0, page.path("code").asInt(), page.toString());
        assertEquals("r:" + room, page.path("conversation").asText());
        assertEquals(4, page.path("lastSeq").asLong());
        assertFalse(page.path("hasMore").asBoolean());
        List<String> got = new ArrayList<>();
        page.path("messages").forEach(m -> got.add(m.path("seq").asLong() + ":" + m.path("msg").asText()));
        assertEquals(List.of("3:sock 3", "4:sock 4"), got);

        String g = api.post("/group/create", "authToken", ann.token(), "name", "not eve's", "joinPolicy", "invite")
                .path("data").path("groupId").asText();
        eveSocket.send("{\"op\":50,\"groupId\":\"" + g + "\",\"ref\":2}");
        JsonNode refused = eveInbox.await(WAIT, "the refusal", n -> n.path("op").asInt() == 50 && n.path("ref").asInt() == 2);
        assertEquals(1, refused.path("code").asInt(), refused.toString());
        assertEquals("you are not a member of group " + g, refused.path("msg").asText());
    }
}
