package io.gochat.e2e;

import static io.gochat.e2e.Inbox.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.ConnectServer;
import io.gochat.e2e.ChatCluster.Account;
import io.gochat.e2e.ChatCluster.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Groups end to end, each module on its own cluster runtime (they talk Dubbo, as separate processes do):
 * members on a WebSocket server and a TCP server chat in a group whatever room they joined, over their
 * sockets and over HTTP; events reach them live; a member who was offline catches up; and muted members,
 * non-members and a kicked user are refused with nothing delivered.
 */
class GroupFlowTest {
    @RegisterExtension
    static ChatCluster chat = new ChatCluster(LocalCluster.Layout.PROCESS_PER_MODULE);

    static final Duration WAIT = ChatCluster.WAIT;

    static ConnectServer ws;
    static ConnectServer tcp;
    static ApiClient api;
    static int apiPort;

    @BeforeAll
    static void startCluster() {
        chat.cluster().logic();
        ws = chat.cluster().ws("ws-groups");
        tcp = chat.cluster().tcp("tcp-groups");
        chat.cluster().task();
        api = chat.startApi();
        apiPort = chat.apiPort();
        chat.awaitGroupsServed();
    }

    /** Registered over HTTP, no socket yet. */
    static Account offline(String prefix) {
        return chat.signUp(chat.name(prefix));
    }

    User onWs(Account u, long room) {
        User on = chat.onWs(ws, u, room);
        ChatCluster.ready(on);
        return on;
    }

    User onTcp(Account u, long room) throws Exception {
        User on = chat.onTcp(tcp, u, room);
        ChatCluster.ready(on);
        return on;
    }

    static JsonNode ok(String route, User as, Object... fields) {
        return ok(route, as.token(), fields);
    }

    static JsonNode ok(String route, Account as, Object... fields) {
        return ok(route, as.token(), fields);
    }

    private static JsonNode ok(String route, String token, Object... fields) {
        JsonNode r = chat.post("/group/" + route, token, fields);
        assertEquals(0, r.get("code").asInt(), route + ": " + r);
        return r;
    }

    static Predicate<JsonNode> event(String name, long groupId) {
        return n -> n.path("op").asInt() == 31 && name.equals(n.path("event").asText()) && n.path("groupId").asLong() == groupId;
    }

    static Predicate<JsonNode> groupText(String msg) {
        return n -> n.path("op").asInt() == 30 && msg.equals(n.path("msg").asText());
    }

    @Test
    void membersOnAWebSocketAndATcpServerChatInAGroupAndAnOfflineMemberCatchesUp() throws Exception {
        User ann = onWs(offline("ann"), 0);
        User ben = onTcp(offline("ben"), 42);   // in a gochat room of his own: groups do not care
        Account cy = offline("cy");
        String g = ok("create", ann, "name", "Climbers", "joinPolicy", "open").get("data").get("groupId").asText();
        long gid = Long.parseLong(g);
        ann.inbox().await(WAIT, "the added event of her own group", event("added", gid));
        ok("join", ben, "groupId", g);
        ben.inbox().await(WAIT, "his added event", event("added", gid));
        JsonNode joined = ann.inbox().await(WAIT, "ben joined", event("member_joined", gid));
        assertEquals(ben.id(), joined.get("userId").asLong());
        ok("join", cy, "groupId", g);   // cy has no socket: offline

        ann.send("{\"op\":30,\"groupId\":\"" + g + "\",\"msg\":\"hi from the websocket\"}");
        JsonNode m = ben.inbox().await(WAIT, "ann's group message over TCP", groupText("hi from the websocket"));
        assertEquals(ann.id(), m.get("fromUserId").asLong());
        assertEquals(ann.name(), m.get("fromUserName").asText());
        assertEquals(gid, m.get("groupId").asLong());
        ann.inbox().await(WAIT, "her own message on her socket", groupText("hi from the websocket"));

        ben.send("{\"op\":30,\"groupId\":" + g + ",\"msg\":\"hi from tcp\",\"fromUserId\":1}");   // a forged sender is ignored
        JsonNode fromBen = ann.inbox().await(WAIT, "ben's group message over WS", groupText("hi from tcp"));
        assertEquals(ben.id(), fromBen.get("fromUserId").asLong());

        ok("send", ann, "groupId", g, "msg", "hi over http");
        ben.inbox().await(WAIT, "ann's HTTP group message", groupText("hi over http"));

        // cy was offline: the history since nothing has all three, in order; then she connects and gets new ones
        JsonNode caughtUp = ok("since", cy, "groupId", g, "sinceId", "0").get("data");
        List<String> texts = new ArrayList<>();
        caughtUp.forEach(n -> {
            if (n.get("op").asInt() == 30) {
                texts.add(n.get("msg").asText());
            }
        });
        assertEquals(List.of("hi from the websocket", "hi from tcp", "hi over http"), texts);
        User cyOnline = onWs(cy, 0);
        long deadline = System.nanoTime() + WAIT.toNanos();
        int n = 0;
        while (cyOnline.inbox().received(groupText("welcome back " + n)).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "cy never got the group's messages after connecting");
            ok("send", ann, "groupId", g, "msg", "welcome back " + (++n));
            try {
                cyOnline.inbox().await(Duration.ofMillis(500), "welcome back " + n, groupText("welcome back " + n));
                break;
            } catch (AssertionError notYet) {
                // her server is still loading her groups from logic; the history has what she missed
            }
        }
    }

    @Test
    void sdkClientsOnWebSocketAndTcpRunAGroupAndGetItsMessagesAndEvents() throws Exception {
        java.util.concurrent.BlockingQueue<io.gochat.client.GroupMessage> benGot = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.BlockingQueue<io.gochat.client.GroupEvent> benEvents = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.BlockingQueue<io.gochat.client.ServerError> annErrors = new java.util.concurrent.LinkedBlockingQueue<>();
        String n = chat.name("");
        try (io.gochat.client.GochatClient ann = io.gochat.client.GochatClient.builder().api("http://127.0.0.1:" + apiPort)
                .endpoint("ws://127.0.0.1:" + ws.port() + "/ws").listener(new io.gochat.client.ChatListener() {
                    @Override
                    public void onError(io.gochat.client.ServerError error) {
                        annErrors.add(error);
                    }
                }).build();
             io.gochat.client.GochatClient ben = io.gochat.client.GochatClient.builder().api("http://127.0.0.1:" + apiPort)
                .endpoint("tcp://127.0.0.1:" + tcp.port()).listener(new io.gochat.client.ChatListener() {
                    @Override
                    public void onGroupMessage(io.gochat.client.GroupMessage m) {
                        benGot.add(m);
                    }

                    @Override
                    public void onGroupEvent(io.gochat.client.GroupEvent e) {
                        benEvents.add(e);
                    }
                }).build()) {
            ann.register("sdkann" + n, "secret-ann").join();
            ben.register("sdkben" + n, "secret-ben").join();
            ann.connect().get(10, java.util.concurrent.TimeUnit.SECONDS);
            ben.connect().get(10, java.util.concurrent.TimeUnit.SECONDS);
            long gid = ann.api().group(ann.session().token(), "create", "name", "SDK club", "joinPolicy", "open")
                    .get(10, java.util.concurrent.TimeUnit.SECONDS).get("groupId").asLong();
            ben.api().group(ben.session().token(), "join", "groupId", gid).get(10, java.util.concurrent.TimeUnit.SECONDS);
            io.gochat.client.GroupEvent added = benEvents.poll(15, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(added != null && added.event().equals("added") && added.groupId() == gid, "ben's added event: " + added);

            io.gochat.client.SendResult sent = ann.sendGroup(gid, "hello from the sdk").get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(io.gochat.client.SendResult.Via.SOCKET, sent.via());
            io.gochat.client.GroupMessage got = benGot.poll(15, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(got != null, "ben got ann's group message");
            assertEquals("hello from the sdk", got.msg());
            assertEquals(ann.session().userId(), got.fromUserId());
            assertEquals(gid, got.groupId());

            ann.sendGroup(987_654_321L, "to nowhere").get(10, java.util.concurrent.TimeUnit.SECONDS);
            io.gochat.client.ServerError refused = annErrors.poll(15, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(refused != null && refused.message().equals("no group with id 987654321"), "refused: " + refused);
            JsonNode history = ben.api().groupSince(ben.session().token(), gid, 0, 0).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(history.toString().contains("hello from the sdk"), history.toString());
        }
    }

    @Test
    void mutedMembersNonMembersAndAKickedUserAreRefusedAndNothingIsDelivered() throws Exception {
        User ann = onWs(offline("ann"), 0);
        User ben = onTcp(offline("ben"), 0);
        User dan = onWs(offline("dan"), 0);
        String g = ok("create", ann, "name", "Strict", "joinPolicy", "open").get("data").get("groupId").asText();
        long gid = Long.parseLong(g);
        ok("join", ben, "groupId", g);
        ben.inbox().await(WAIT, "his added event", event("added", gid));

        ok("mute", ann, "groupId", g, "userId", ben.id(), "seconds", 600);
        ben.inbox().await(WAIT, "the mute", event("member_muted", gid));
        ben.send("{\"op\":30,\"groupId\":\"" + g + "\",\"msg\":\"muted words\"}");
        JsonNode refusal = ben.inbox().await(WAIT, "the refusal", n -> n.path("code").asInt() == 1 && !n.has("op"));
        assertTrue(refusal.get("msg").asText().startsWith("you are muted in group " + g + " for "), refusal.toString());

        dan.send("{\"op\":30,\"groupId\":\"" + g + "\",\"msg\":\"stranger words\"}");
        JsonNode notMember = dan.inbox().await(WAIT, "the refusal", n -> n.path("code").asInt() == 1 && !n.has("op"));
        assertEquals("you are not a member of group " + g, notMember.get("msg").asText());
        JsonNode history = api.post("/group/history", "authToken", dan.token(), "groupId", g);
        assertEquals("you are not a member of group " + g, history.get("message").asText());

        ok("kick", ann, "groupId", g, "userId", ben.id(), "ban", true);
        ben.inbox().await(WAIT, "his removal", event("removed", gid));
        JsonNode rejoin = api.post("/group/join", "authToken", ben.token(), "groupId", g);
        assertEquals("you are banned from group " + g, rejoin.get("message").asText());
        ok("send", ann, "groupId", g, "msg", "after the kick");
        ann.inbox().await(WAIT, "her own message", groupText("after the kick"));
        // a private message queued after it reaches ben through the same ordered lane: the group message did not
        api.post("/push/push", "authToken", ann.token(), "msg", "marker", "toUserId", String.valueOf(ben.id()), "roomId", 0);
        ben.inbox().await(WAIT, "the marker", text("marker"));
        assertTrue(ben.inbox().received(groupText("after the kick")).isEmpty(), "a kicked user gets no more group messages");
        assertTrue(ann.inbox().received(groupText("muted words")).isEmpty(), "the muted message was not delivered");
        assertTrue(ann.inbox().received(groupText("stranger words")).isEmpty(), "the stranger's message was not delivered");
        JsonNode stored = ok("history", ann, "groupId", g).get("data");
        assertTrue(!stored.toString().contains("muted words") && !stored.toString().contains("stranger words"),
                "refused messages were not stored: " + stored);

        // dissolved: the members online are told over their sockets, and the group refuses messages after
        ok("join", dan, "groupId", g);
        dan.inbox().await(WAIT, "his added event", event("added", gid));
        ok("dissolve", ann, "groupId", g);
        dan.inbox().await(WAIT, "the group dissolved", event("dissolved", gid));
        ann.inbox().await(WAIT, "the group dissolved", event("dissolved", gid));
        dan.send("{\"op\":30,\"groupId\":\"" + g + "\",\"msg\":\"anyone?\"}");
        JsonNode gone = dan.inbox().await(WAIT, "the refusal", n -> n.path("code").asInt() == 1 && !n.has("op"));
        assertEquals("no group with id " + g, gone.get("msg").asText());
        assertTrue(ok("notices", dan).get("data").toString().contains("\"event\":\"dissolved\""), "dan keeps a notice");
    }
}
