package io.gochat.e2e;

import static io.gochat.e2e.Inbox.op;
import static io.gochat.e2e.Inbox.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.ConnectServer;
import io.gochat.e2e.ChatCluster.Account;
import io.gochat.e2e.ChatCluster.User;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contacts end to end with {@code im.privateMessages=friends}: a WebSocket user and a TCP user on two
 * connect servers become friends over HTTP and hear of it on their sockets (ops 20, 21, 24, 25, 23), write
 * to each other over their sockets, and a stranger and then a blocked user are refused on the socket
 * (op 2) with code 1 and a sentence, with nothing delivered or stored.
 */
class ContactsFlowTest {
    @RegisterExtension
    static ChatCluster chat = new ChatCluster(LocalCluster.Layout.ONE_PROCESS, c -> c.with("im.privateMessages", "friends"));

    static final Duration WAIT = ChatCluster.WAIT;
    static final AtomicInteger ROOMS = new AtomicInteger(500);

    static ConnectServer ws1;
    static ConnectServer ws2;
    static ConnectServer tcp;
    static ApiClient api;

    @BeforeAll
    static void startCluster() {
        chat.cluster().logic();
        ws1 = chat.cluster().ws("ws-1");
        ws2 = chat.cluster().ws("ws-2");
        tcp = chat.cluster().tcp("tcp-1");
        chat.cluster().task();
        api = chat.startApi();
    }

    static Account user(String name) {
        return chat.signUp(name);
    }

    /** Connected once the user sees themselves in their own room's member list. */
    User ws(ConnectServer server, Account u) {
        long room = ROOMS.incrementAndGet();
        return joined(chat.onWs(server, u, room), u, room);
    }

    User tcp(Account u) throws Exception {
        long room = ROOMS.incrementAndGet();
        return joined(chat.onTcp(tcp, u, room), u, room);
    }

    private static User joined(User s, Account u, long room) {
        s.inbox().await(WAIT, "its own room's member list", n -> n.path("op").asInt() == 5
                && n.path("roomId").asLong() == room && n.path("roomUserInfo").has(String.valueOf(u.id())));
        return s;
    }

    static JsonNode post(String path, Account as, Object... fields) {
        return chat.post(path, as.token(), fields);
    }

    static String privateFrame(Account to, String msg) {
        return "{\"op\":2,\"toUserId\":\"" + to.id() + "\",\"msg\":\"" + msg + "\"}";
    }

    static int storedBetween(Account a, Account b) {
        return post("/history/private", a, "withUserId", b.id()).path("data").size();
    }

    @Test
    void friendsHearOfEachOtherOnTheirSocketsAndOnlyFriendsGetThrough() throws Exception {
        Account ana = user("ana");
        Account ben = user("ben");
        Account eve = user("eve");
        User anaWs = ws(ws1, ana);
        User benTcp = tcp(ben);
        User eveWs = ws(ws2, eve);

        // a stranger's socket message is refused with a sentence, and nothing is delivered or stored
        eveWs.send(privateFrame(ben, "psst"));
        JsonNode refusal = eveWs.inbox().await(WAIT, "a refusal", n -> n.path("code").asInt() == 1);
        assertEquals("user " + ben.id() + " is not your friend: this server delivers private messages between friends only",
                refusal.path("msg").asText());

        assertEquals(0, post("/contacts/request", ana, "toUserId", ben.id(), "note", "I'm Ana from work").path("code").asInt());
        JsonNode request = benTcp.inbox().await(WAIT, "a friend request (op 20)", op(20)).path("request");
        assertEquals("I'm Ana from work", request.path("note").asText());
        assertEquals(ana.id(), request.path("fromUserId").asLong());

        assertEquals(0, post("/contacts/answer", ben, "requestId", request.path("id").asLong(), "accept", true)
                .path("code").asInt());
        JsonNode accepted = anaWs.inbox().await(WAIT, "the acceptance (op 21)", op(21));
        assertEquals(ben.id(), accepted.path("user").path("userId").asLong());

        post("/user/profile/update", ana, "status", "busy", "nickname", "Ana L.");
        JsonNode changed = benTcp.inbox().await(WAIT, "ana's new profile (op 24)", op(24)).path("user");
        assertEquals("busy", changed.path("status").asText());
        assertEquals("Ana L.", changed.path("nickname").asText());

        anaWs.send(privateFrame(ben, "hi ben"));
        benTcp.inbox().await(WAIT, "ana's message", text("hi ben"));
        benTcp.send(privateFrame(ana, "hi ana"));
        anaWs.inbox().await(WAIT, "ben's message", text("hi ana"));
        assertTrue(benTcp.inbox().received(text("psst")).isEmpty(), "the stranger's message never arrived");
        assertEquals(0, storedBetween(ben, eve), "nor was it stored");

        // ben's presence reaches his friend: offline when his socket closes, online when he is back
        benTcp.close();
        JsonNode offline = anaWs.inbox().await(WAIT, "ben went offline (op 25)", n -> n.path("op").asInt() == 25
                && n.path("userId").asLong() == ben.id() && n.path("status").asText().equals("offline"));
        benTcp = tcp(ben);
        long after = offline.path("serverTime").asLong();
        anaWs.inbox().await(WAIT, "ben is back (op 25)", n -> n.path("op").asInt() == 25 && n.path("userId").asLong() == ben.id()
                && n.path("status").asText().equals("online") && n.path("serverTime").asLong() >= after);

        // blocked: the friendship ends (op 23) and ana's socket messages are refused, not delivered, not stored
        assertEquals(0, post("/contacts/block", ben, "userId", ana.id()).path("code").asInt());
        assertEquals(ben.id(), anaWs.inbox().await(WAIT, "the end of the friendship (op 23)", op(23))
                .path("userId").asLong());
        int stored = storedBetween(ana, ben);
        anaWs.send(privateFrame(ben, "why?"));
        assertEquals("user " + ben.id() + " has blocked you",
                anaWs.inbox().await(WAIT, "a refusal", n -> n.path("code").asInt() == 1).path("msg").asText());
        assertEquals(stored, storedBetween(ana, ben), "nothing stored");
        benTcp.send(privateFrame(eve, "sync"));   // ben's own refusal (eve is no friend) is a sync point on his socket
        benTcp.inbox().await(WAIT, "ben's refusal", n -> n.path("code").asInt() == 1);
        assertTrue(benTcp.inbox().received(text("why?")).isEmpty(), "nothing delivered to ben");
    }
}
