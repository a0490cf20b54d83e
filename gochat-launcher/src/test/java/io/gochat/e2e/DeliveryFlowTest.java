package io.gochat.e2e;

import static io.gochat.e2e.Inbox.op;
import static io.gochat.e2e.Inbox.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.WsTestClient;
import io.gochat.e2e.ChatCluster.User;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messages end to end through real modules: api → logic → Redis queue → task → the connect servers
 * holding the recipients, with WebSocket and TCP clients on real sockets, across two WS servers. All the
 * modules run as --module=all does: one cluster runtime, calls between them in-process.
 */
class DeliveryFlowTest {
    @RegisterExtension
    static ChatCluster chat = new ChatCluster(LocalCluster.Layout.ONE_PROCESS);

    static final Duration WAIT = ChatCluster.WAIT;
    static final AtomicInteger ROOMS = new AtomicInteger(100);

    static LocalCluster cluster;
    static ConnectServer ws1;
    static ConnectServer ws2;
    static ConnectServer tcp;
    static ApiClient api;

    @BeforeAll
    static void startCluster() {
        cluster = chat.cluster();
        cluster.logic();
        ws1 = cluster.ws("ws-1");
        ws2 = cluster.ws("ws-2");
        tcp = cluster.tcp("tcp-1");
        cluster.task();
        api = chat.startApi();
    }

    private User wsUser(ConnectServer server, long room) {
        return chat.onWs(server, chat.signUp(chat.name("u")), room);
    }

    private User tcpUser(long room) throws Exception {
        return chat.onTcp(tcp, chat.signUp(chat.name("t")), room);
    }

    /** Waits until every user has seen a member list (op 5) with all of them: everybody is in. */
    private static void allJoined(long room, User... users) {
        for (User u : users) {
            u.inbox().await(WAIT, "a member list with all " + users.length + " users", n -> {
                if (n.path("op").asInt() != 5 || n.path("roomId").asLong() != room) {
                    return false;
                }
                for (User other : users) {
                    if (!n.path("roomUserInfo").has(String.valueOf(other.id()))) {
                        return false;
                    }
                }
                return true;
            });
        }
    }

    @Test
    void roomMessagesReachWebSocketAndTcpUsersOnEveryServer() throws Exception {
        long room = ROOMS.incrementAndGet();
        User alice = wsUser(ws1, room);
        User bob = wsUser(ws2, room);
        User carol = tcpUser(room);
        allJoined(room, alice, bob, carol);

        JsonNode answer = api.post("/push/pushRoom", "authToken", alice.token(), "msg", "hello from alice", "roomId", room);
        assertEquals(0, answer.get("code").asInt(), answer.toString());
        long msgId = -1;
        for (User u : List.of(alice, bob, carol)) {
            JsonNode m = u.inbox().await(WAIT, "alice's room message", text("hello from alice"));
            assertEquals(3, m.get("op").asInt());
            assertEquals("" + alice.name(), m.get("fromUserName").asText());
            assertEquals(alice.id(), m.get("fromUserId").asLong());
            assertEquals(room, m.get("roomId").asLong());
            assertTrue(m.get("createTime").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), m.toString());
            assertTrue(msgId == -1 || msgId == m.get("msgId").asLong(), "one id for one message");
            msgId = m.get("msgId").asLong();
        }

        // TCP → WS over the socket, with a forged sender that must be ignored (gochat §9.23)
        carol.send("{\"op\":3,\"msg\":\"hello from carol\",\"fromUserId\":1,\"fromUserName\":\"mallory\",\"roomId\":"
                + room + ",\"authToken\":\"" + carol.token() + "\"}");
        for (User u : List.of(alice, bob)) {
            JsonNode m = u.inbox().await(WAIT, "carol's room message", text("hello from carol"));
            assertEquals(carol.name(), m.get("fromUserName").asText());
            assertEquals(carol.id(), m.get("fromUserId").asLong());
        }

        // WS → TCP over the socket
        bob.send("{\"op\":3,\"msg\":\"hello from bob\"}");
        assertEquals(bob.name(), carol.inbox().await(WAIT, "bob's room message", text("hello from bob"))
                .get("fromUserName").asText());
    }

    @Test
    void privateMessagesCrossServersAndTransportsAndReachOnlyTheRecipient() throws Exception {
        long room = ROOMS.incrementAndGet();
        User alice = wsUser(ws1, room);
        User bob = wsUser(ws2, room);
        User carol = tcpUser(room);
        allJoined(room, alice, bob, carol);

        // HTTP, gochat style: toUserId as a JSON string; alice on ws-1 → bob on ws-2
        JsonNode answer = api.post("/push/push", "authToken", alice.token(), "msg", "psst bob",
                "toUserId", String.valueOf(bob.id()), "roomId", room);
        assertEquals(0, answer.get("code").asInt(), answer.toString());
        JsonNode m = bob.inbox().await(WAIT, "alice's private message", text("psst bob"));
        assertEquals(2, m.get("op").asInt());
        assertEquals(alice.name(), m.get("fromUserName").asText());
        assertEquals(bob.id(), m.get("toUserId").asLong());
        assertEquals(bob.name(), m.get("toUserName").asText());

        alice.send("{\"op\":2,\"toUserId\":\"" + carol.id() + "\",\"msg\":\"psst carol\"}");   // WS → TCP
        assertEquals(alice.name(), carol.inbox().await(WAIT, "alice's frame", text("psst carol")).get("fromUserName").asText());

        carol.send("{\"op\":2,\"toUserId\":" + alice.id() + ",\"msg\":\"psst alice\",\"roomId\":" + room
                + ",\"authToken\":\"" + carol.token() + "\"}");   // TCP → WS
        assertEquals(carol.name(), alice.inbox().await(WAIT, "carol's frame", text("psst alice")).get("fromUserName").asText());

        // a room message after them proves the private ones were not also sent to the others
        api.post("/push/pushRoom", "authToken", bob.token(), "msg", "marker", "roomId", room);
        for (User u : List.of(alice, bob, carol)) {
            u.inbox().await(WAIT, "the marker", text("marker"));
        }
        assertTrue(alice.inbox().received(text("psst bob")).isEmpty(), "alice did not get bob's private message");
        assertTrue(carol.inbox().received(text("psst bob")).isEmpty(), "carol did not get bob's private message");
        assertTrue(bob.inbox().received(text("psst carol")).isEmpty(), "bob did not get carol's private message");
    }

    @Test
    void countAndMemberListRequestsAreBroadcastToTheRoom() throws Exception {
        long room = ROOMS.incrementAndGet();
        User alice = wsUser(ws1, room);
        User carol = tcpUser(room);
        allJoined(room, alice, carol);

        assertEquals(0, api.post("/push/count", "authToken", alice.token(), "roomId", room).get("code").asInt());
        for (User u : List.of(alice, carol)) {
            JsonNode count = u.inbox().await(WAIT, "the count", op(4));
            assertEquals(2, count.get("count").asInt(), count.toString());
        }
        assertEquals(0, api.post("/push/getRoomInfo", "authToken", carol.token(), "roomId", room).get("code").asInt());
        JsonNode info = alice.inbox().await(WAIT, "the member list", op(5));
        assertEquals(2, info.get("count").asInt());
        assertEquals(alice.name(), info.get("roomUserInfo").get(String.valueOf(alice.id())).asText());
        assertEquals(carol.name(), info.get("roomUserInfo").get(String.valueOf(carol.id())).asText());

        JsonNode empty = api.post("/push/getRoomInfo", "authToken", carol.token(), "roomId", 987654);
        assertEquals(1, empty.get("code").asInt(), "an empty room is refused, as in gochat");
    }

    @Test
    void aMemberWhoLeavesDisappearsFromEveryonesList() throws Exception {
        long room = ROOMS.incrementAndGet();
        User alice = wsUser(ws1, room);
        User bob = wsUser(ws2, room);
        allJoined(room, alice, bob);
        bob.ws().close();
        JsonNode info = alice.inbox().await(WAIT, "a member list without bob", n -> n.path("op").asInt() == 5
                && n.path("count").asInt() == 1 && !n.path("roomUserInfo").has(String.valueOf(bob.id())));
        assertTrue(info.path("roomUserInfo").has(String.valueOf(alice.id())));
    }

    @Test
    void loggingOutClosesTheSocketsOfThatSessionAndNoOther() throws Exception {
        long room = ROOMS.incrementAndGet();
        String name = "multi" + chat.name("");
        String phoneToken = api.token(name);
        String laptopToken = api.post("/user/login", "userName", name, "passWord", "secret-" + name).get("data").asText();
        long id = api.userId(phoneToken);
        WsTestClient phone = new WsTestClient(ws1.port());
        WsTestClient laptop = new WsTestClient(ws2.port());
        chat.track(phone);
        chat.track(laptop);
        phone.auth(phoneToken, room);
        laptop.auth(laptopToken, room);
        User phoneUser = new User(name, phoneToken, id, new Inbox("phone", phone.frames()), phone, null);
        User laptopUser = new User(name, laptopToken, id, new Inbox("laptop", laptop.frames()), laptop, null);
        allJoined(room, phoneUser);
        allJoined(room, laptopUser);

        assertEquals(0, api.post("/user/logout", "authToken", phoneToken).get("code").asInt());
        JsonNode bye = phoneUser.inbox().await(WAIT, "the logout notice", n -> n.path("code").asInt() == 40000);
        assertTrue(bye.path("msg").asText().contains("logged out"), bye.toString());
        io.gochat.testkit.Eventually.await(WAIT, "the phone's socket closed", phone::closed);
        assertEquals(40000, api.post("/user/checkAuth", "authToken", phoneToken).get("code").asInt());

        api.post("/push/pushRoom", "authToken", laptopToken, "msg", "laptop still here", "roomId", room);
        laptopUser.inbox().await(WAIT, "the laptop keeps its session", text("laptop still here"));
        assertTrue(!laptop.closed(), "the other session's socket stays open");
    }

    @Test
    void aMessageToANeverConnectedUserIsStoredForLaterAndTrafficGoesOn() throws Exception {
        long room = ROOMS.incrementAndGet();
        User alice = wsUser(ws1, room);
        User bob = wsUser(ws2, room);
        allJoined(room, alice, bob);
        String absentToken = api.token("absent" + chat.name(""));
        long absent = api.userId(absentToken);

        JsonNode r = api.post("/push/push", "authToken", alice.token(), "msg", "anyone?", "toUserId", "" + absent, "roomId", room);
        assertEquals(0, r.get("code").asInt(), r.toString());
        assertEquals("ok, stored for offline delivery", r.get("message").asText());

        api.post("/push/push", "authToken", alice.token(), "msg", "still works", "toUserId", "" + bob.id(), "roomId", room);
        bob.inbox().await(WAIT, "the next message", text("still works"));
    }

    @Test
    void aConnectServerStoppedMidStreamCostsOnlyItsOwnUsers() throws Exception {
        long room = ROOMS.incrementAndGet();
        ConnectServer doomed = cluster.ws("ws-doomed");
        User alice = wsUser(ws1, room);
        User dave = wsUser(doomed, room);
        User carol = tcpUser(room);
        allJoined(room, alice, dave, carol);

        int total = 200;
        for (int i = 1; i <= total; i++) {
            if (i == total / 2) {
                cluster.stop(doomed);
            }
            JsonNode r = api.post("/push/pushRoom", "authToken", alice.token(), "msg", "n" + i, "roomId", room);
            assertEquals(0, r.get("code").asInt(), r.toString());
        }
        for (User u : List.of(alice, carol)) {
            u.inbox().await(Duration.ofSeconds(30), "the last message", text("n" + total));
            Set<String> got = new HashSet<>();
            u.inbox().received(n -> n.path("op").asInt() == 3).forEach(n -> got.add(n.get("msg").asText()));
            got.add("n" + total);
            assertEquals(total, got.size(), u.name() + " got every message");
        }
    }
}
