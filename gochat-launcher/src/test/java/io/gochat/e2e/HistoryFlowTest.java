package io.gochat.e2e;

import static io.gochat.e2e.Inbox.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.WsTestClient;
import io.gochat.e2e.ChatCluster.Account;
import io.gochat.logic.history.UnackedMessages;
import io.gochat.task.TaskServer;
import io.gochat.testkit.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Stored messages end to end: history pages and their permissions, private messages to offline users
 * delivered on connect, acknowledgements, and redelivery of a message lost with its connect server.
 * Each module has its own cluster runtime, talking over Dubbo as separate processes do.
 */
class HistoryFlowTest {
    @RegisterExtension
    static ChatCluster chat = new ChatCluster(LocalCluster.Layout.PROCESS_PER_MODULE);

    static final Duration WAIT = ChatCluster.WAIT;
    static final AtomicInteger ROOMS = new AtomicInteger(500);

    static LocalCluster cluster;
    static ConnectServer ws1;
    static TaskServer task;
    static ApiClient api;

    @BeforeAll
    static void startCluster() {
        cluster = chat.cluster();
        cluster.logic();
        ws1 = cluster.ws("ws-1");
        task = cluster.task();
        api = chat.startApi();
        chat.awaitApiReachesLogic();
    }

    private static Account user() {
        return chat.signUp(chat.name("h"));
    }

    /**
     * Connects {@code u} to {@code server} in {@code room} as a client that acks (op 7); waits until
     * presence has the connection.
     */
    private Inbox connect(Account u, ConnectServer server, long room) {
        return connect(u, server, room, true);
    }

    private Inbox connect(Account u, ConnectServer server, long room, boolean sendsAcks) {
        WsTestClient ws = chat.track(new WsTestClient(server.port()));
        if (sendsAcks) {
            ws.authWithAcks(u.token(), room);
        } else {
            ws.auth(u.token(), room);
        }
        Inbox inbox = new Inbox(u.name(), ws.frames());
        chat.awaitInRoom(u, inbox, room);
        lastSocket = ws;
        return inbox;
    }

    private WsTestClient lastSocket;

    private static JsonNode ok(JsonNode reply) {
        assertEquals(0, reply.get("code").asInt(), reply.toString());
        return reply;
    }

    private static List<String> texts(JsonNode reply) {
        List<String> out = new ArrayList<>();
        reply.get("data").forEach(m -> out.add(m.get("msg").asText()));
        return out;
    }

    private static long unacked(long userId) {
        try (Jedis jedis = chat.redis().jedis()) {
            return jedis.zcard(UnackedMessages.key(userId));
        }
    }

    @Test
    void roomHistoryPagesBackwardsOldestFirstAndOnlyForMembers() {
        long room = ROOMS.incrementAndGet();
        Account alice = user();
        connect(alice, ws1, room);
        for (int i = 1; i <= 7; i++) {
            ok(api.post("/push/pushRoom", "authToken", alice.token(), "msg", "m" + i, "roomId", room));
        }
        JsonNode last3 = ok(api.post("/history/room", "authToken", alice.token(), "roomId", room, "limit", 3));
        assertEquals(List.of("m5", "m6", "m7"), texts(last3));
        JsonNode first = last3.get("data").get(0);
        assertEquals(3, first.get("op").asInt());
        assertEquals(alice.id(), first.get("fromUserId").asLong());

        String before = first.get("msgId").asText();   // as a string, as a browser must send it
        JsonNode previous = ok(api.post("/history/room", "authToken", alice.token(), "roomId", room, "limit", 3,
                "beforeId", before));
        assertEquals(List.of("m2", "m3", "m4"), texts(previous));
        JsonNode oldest = ok(api.post("/history/room", "authToken", alice.token(), "roomId", room, "limit", 3,
                "beforeId", previous.get("data").get(0).get("msgId").asLong()));
        assertEquals(List.of("m1"), texts(oldest));
        assertEquals(List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7"),
                texts(ok(api.post("/history/room", "authToken", alice.token(), "roomId", room))), "default limit 50");

        Account outsider = user();   // logged in, but not in the room
        JsonNode refused = api.post("/history/room", "authToken", outsider.token(), "roomId", room);
        assertEquals(1, refused.get("code").asInt(), refused.toString());
        assertTrue(refused.get("message").asText().startsWith("only members of room " + room), refused.toString());
        assertEquals(40000, api.post("/history/room", "authToken", "nope", "roomId", room).get("code").asInt());
        assertEquals(1, api.post("/history/room", "authToken", alice.token(), "roomId", room, "limit", -1)
                .get("code").asInt(), "a bad limit is refused");
    }

    @Test
    void privateHistoryBelongsToItsTwoUsersOnly() {
        Account alice = user();
        Account bob = user();
        Account carol = user();
        ok(api.post("/push/push", "authToken", alice.token(), "msg", "a1", "toUserId", "" + bob.id()));
        ok(api.post("/push/push", "authToken", bob.token(), "msg", "b1", "toUserId", "" + alice.id()));
        ok(api.post("/push/push", "authToken", alice.token(), "msg", "a2", "toUserId", "" + bob.id()));
        ok(api.post("/push/push", "authToken", carol.token(), "msg", "c1", "toUserId", "" + bob.id()));

        assertEquals(List.of("a1", "b1", "a2"),
                texts(ok(api.post("/history/private", "authToken", alice.token(), "withUserId", bob.id()))));
        assertEquals(List.of("a1", "b1", "a2"),
                texts(ok(api.post("/history/private", "authToken", bob.token(), "withUserId", "" + alice.id()))));
        // carol can only ever name her own conversations: alice and bob's is not one of them
        assertEquals(List.of("c1"),
                texts(ok(api.post("/history/private", "authToken", carol.token(), "withUserId", bob.id()))));
        assertEquals(List.of(),
                texts(ok(api.post("/history/private", "authToken", carol.token(), "withUserId", alice.id()))));
        assertEquals(List.of("a2"), texts(ok(api.post("/history/private", "authToken", alice.token(),
                "withUserId", bob.id(), "limit", 1))));
    }

    @Test
    void privateMessagesToAnOfflineUserArriveInOrderWhenTheyConnect() {
        Account alice = user();
        Account bob = user();   // registered, never connected
        for (int i = 1; i <= 5; i++) {
            JsonNode r = ok(api.post("/push/push", "authToken", alice.token(), "msg", "while away " + i,
                    "toUserId", "" + bob.id()));
            assertEquals("ok, stored for offline delivery", r.get("message").asText());
        }
        Inbox inbox = connect(bob, ws1, ROOMS.incrementAndGet());
        inbox.await(WAIT, "the last message sent while away", text("while away 5"));
        List<String> got = inbox.received(n -> n.path("op").asInt() == 2).stream()
                .map(n -> n.get("msg").asText()).toList();
        List<String> all = new ArrayList<>(got);
        all.add("while away 5");
        assertEquals(List.of("while away 1", "while away 2", "while away 3", "while away 4", "while away 5"), all);

        JsonNode since = ok(api.post("/history/since", "authToken", bob.token(), "sinceId", 0));
        assertEquals(5, since.get("data").size());
        String firstId = since.get("data").get(0).get("msgId").asText();
        assertEquals(4, ok(api.post("/history/since", "authToken", bob.token(), "sinceId", firstId)).get("data").size());
        assertEquals(0, ok(api.post("/history/since", "authToken", alice.token(), "sinceId", 0)).get("data").size(),
                "alice sent them; they are not hers");
    }

    @Test
    void acknowledgedMessagesAreNotResentAndTheOthersComeBackWithTheirIds() throws Exception {
        long room = ROOMS.incrementAndGet();
        Account alice = user();
        Account bob = user();
        Inbox first = connect(bob, ws1, room);
        WsTestClient firstSocket = lastSocket;
        ok(api.post("/push/push", "authToken", alice.token(), "msg", "p1", "toUserId", "" + bob.id()));
        ok(api.post("/push/push", "authToken", alice.token(), "msg", "p2", "toUserId", "" + bob.id()));
        String id1 = first.await(WAIT, "p1", text("p1")).get("msgId").asText();
        String id2 = first.await(WAIT, "p2", text("p2")).get("msgId").asText();

        firstSocket.send("{\"op\":7,\"msgId\":\"" + id1 + "\"}");
        Eventually.await(WAIT, "bob's ack of p1 recorded", () -> unacked(bob.id()) == 1);
        firstSocket.close();

        Inbox second = connect(bob, ws1, room);
        WsTestClient secondSocket = lastSocket;
        assertEquals(id2, second.await(WAIT, "p2 again", text("p2")).get("msgId").asText(), "same msgId on redelivery");
        ok(api.post("/push/push", "authToken", alice.token(), "msg", "p3", "toUserId", "" + bob.id()));
        String id3 = second.await(WAIT, "p3", text("p3")).get("msgId").asText();
        assertTrue(second.received(text("p1")).isEmpty(), "the acknowledged p1 was not resent");

        secondSocket.send("{\"op\":7,\"upToId\":" + id3 + "}");   // a number works too
        Eventually.await(WAIT, "bob's ack of everything up to p3", () -> unacked(bob.id()) == 0);
        secondSocket.close();

        Inbox third = connect(bob, ws1, room);
        ok(api.post("/push/push", "authToken", alice.token(), "msg", "p4", "toUserId", "" + bob.id()));
        third.await(WAIT, "p4", text("p4"));
        assertTrue(third.received(n -> n.path("op").asInt() == 2).isEmpty(), "nothing acknowledged was resent");
    }

    @Test
    void aGochatClientThatNeverAcksGetsStoredMessagesOnceNotOnEveryConnect() throws Exception {
        long room = ROOMS.incrementAndGet();
        Account alice = user();
        Account bob = user();
        ok(api.post("/push/push", "authToken", alice.token(), "msg", "once", "toUserId", "" + bob.id()));
        Inbox first = connect(bob, ws1, room, false);
        first.await(WAIT, "the stored message", text("once"));
        Eventually.await(WAIT, "the resent message counted as delivered", () -> unacked(bob.id()) == 0);
        lastSocket.close();

        Inbox second = connect(bob, ws1, room, false);
        ok(api.post("/push/push", "authToken", alice.token(), "msg", "next", "toUserId", "" + bob.id()));
        second.await(WAIT, "the next message", text("next"));
        assertTrue(second.received(text("once")).isEmpty(), "not sent again");
    }

    @Test
    void aMessageLostWithItsConnectServerArrivesAgainOnReconnect() throws Exception {
        long room = ROOMS.incrementAndGet();
        Account alice = user();
        Account bob = user();
        ConnectServer doomed = cluster.ws("ws-doomed");
        connect(bob, doomed, room);

        cluster.stop(task);   // the message will sit in the queue while bob's server goes away
        try {
            JsonNode r = ok(api.post("/push/push", "authToken", alice.token(), "msg", "lost in transit",
                    "toUserId", "" + bob.id()));
            assertEquals("ok", r.get("message").asText(), "bob was online when it was sent");
            cluster.stop(doomed);
        } finally {
            task = cluster.task();
        }
        Inbox again = connect(bob, ws1, room);
        JsonNode m = again.await(Duration.ofSeconds(30), "the message lost with ws-doomed", text("lost in transit"));
        assertEquals(alice.id(), m.get("fromUserId").asLong());
    }
}
