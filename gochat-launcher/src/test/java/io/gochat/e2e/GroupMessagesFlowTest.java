package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.ConnectServer;
import io.gochat.e2e.ChatCluster.User;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typed messages, client message ids, read state and recall in a group end to end, each module on its own
 * cluster runtime (Dubbo between them, as separate processes): members on a WebSocket server and on a TCP
 * server, frames of ops 40, 41, 43 and 45.
 */
class GroupMessagesFlowTest {
    @RegisterExtension
    static ChatCluster chat = new ChatCluster(LocalCluster.Layout.PROCESS_PER_MODULE);

    static final Duration WAIT = ChatCluster.WAIT;

    static ConnectServer ws;
    static ConnectServer tcp;

    @BeforeAll
    static void startCluster() {
        chat.cluster().logic();
        ws = chat.cluster().ws("ws-groupmessages");
        tcp = chat.cluster().tcp("tcp-groupmessages");
        chat.cluster().task();
        chat.startApi();
        chat.awaitGroupsServed();
    }

    User onWs(String prefix) {
        User u = chat.onWs(ws, chat.signUp(chat.name(prefix)), 0);
        ChatCluster.ready(u);
        return u;
    }

    User onTcp(String prefix) throws Exception {
        User u = chat.onTcp(tcp, chat.signUp(chat.name(prefix)), 42);
        ChatCluster.ready(u);
        return u;
    }

    static JsonNode ok(String path, User as, Object... fields) {
        return chat.ok(path, as.token(), fields);
    }

    static Predicate<JsonNode> groupMessage(String msg) {
        return n -> n.path("op").asInt() == 30 && msg.equals(n.path("msg").asText());
    }

    static Predicate<JsonNode> answer(int op, String ref) {
        return n -> n.has("code") && n.path("op").asInt() == op && ref.equals(n.path("ref").asText());
    }

    /** Every member's server knows the group (its index is loaded from logic when the member joins). */
    static void awaitDelivered(User from, String groupId, List<User> to) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int n = 0; ; n++) {
            String probe = "probe " + n;
            from.send("{\"op\":30,\"groupId\":\"" + groupId + "\",\"msg\":\"" + probe + "\"}");
            try {
                for (User u : to) {
                    u.inbox().await(Duration.ofMillis(700), probe, groupMessage(probe));
                }
                return;
            } catch (AssertionError notYet) {
                assertTrue(System.nanoTime() < deadline, "group messages never reached every member");
            }
        }
    }

    @Test
    void typedGroupMessagesAreStoredOnceReadByTcpMembersCountedAndRecalledByAnAdminOverSockets() throws Exception {
        User ann = onWs("gm-ann");
        User ben = onTcp("gm-ben");
        User cy = onWs("gm-cy");
        String g = ok("/group/create", ann, "name", "Ropes", "joinPolicy", "open").path("data").path("groupId").asText();
        ok("/group/join", ben, "groupId", g);
        ok("/group/join", cy, "groupId", g);
        ok("/group/role", ann, "groupId", g, "userId", Long.toString(cy.id()), "role", "admin");
        awaitDelivered(ann, g, List.of(ben, cy));

        String location = "{\"op\":40,\"groupId\":\"" + g + "\",\"type\":\"location\",\"body\":{\"lat\":48.85,\"lng\":2.35,"
                + "\"label\":\"Paris\"},\"clientMsgId\":\"loc-1\",\"ref\":\"%s\"}";
        ann.send(String.format(location, "first"));
        JsonNode sent = ann.inbox().await(WAIT, "the answer to op 40", answer(40, "first"));
        assertEquals(0, sent.path("code").asInt(), sent.toString());
        String msgId = sent.path("msgId").asText();
        JsonNode atBen = ben.inbox().await(WAIT, "the location on TCP", groupMessage("[location] Paris"));
        assertEquals(msgId, atBen.path("msgId").asText());
        assertEquals("location", atBen.path("type").asText());
        assertEquals(2.35, atBen.path("body").path("lng").asDouble());
        assertEquals(ann.id(), atBen.path("fromUserId").asLong());
        cy.inbox().await(WAIT, "the location on WS", groupMessage("[location] Paris"));

        ann.send(String.format(location, "retry"));
        JsonNode retried = ann.inbox().await(WAIT, "the answer to the retry", answer(40, "retry"));
        assertEquals(msgId, retried.path("msgId").asText(), "the retry is answered with the first id");
        ann.send("{\"op\":30,\"groupId\":\"" + g + "\",\"msg\":\"after the retry\"}");
        ben.inbox().await(WAIT, "the next message", groupMessage("after the retry"));
        assertEquals(0, ben.inbox().received(groupMessage("[location] Paris")).size(),
                "the retry was not delivered again (the first was taken by the await above)");

        ben.send("{\"op\":43,\"groupId\":\"" + g + "\",\"upToId\":\"" + msgId + "\"}");
        ben.inbox().await(WAIT, "ben's read mark on his own connection",
                n -> n.path("op").asInt() == 43 && n.path("groupId").asText().equals(g));
        ann.send("{\"op\":45,\"msgId\":\"" + msgId + "\",\"ref\":\"who\"}");
        JsonNode reads = ann.inbox().await(WAIT, "who read it", answer(45, "who"));
        assertEquals(0, reads.path("code").asInt(), reads.toString());
        JsonNode read = reads.path("reads").get(0);
        assertEquals(1, read.path("readCount").asInt());
        assertEquals(2, read.path("memberCount").asInt());
        assertEquals(Long.toString(ben.id()), read.path("readers").get(0).path("userId").asText());
        ann.send("{\"op\":45,\"groupId\":\"" + g + "\",\"msgIds\":[\"" + msgId + "\"],\"ref\":\"counts\"}");
        assertEquals(1, ann.inbox().await(WAIT, "the counts", answer(45, "counts")).path("reads").get(0).path("readCount").asInt());
        cy.send("{\"op\":45,\"msgId\":\"" + msgId + "\",\"ref\":\"nosy\"}");
        assertEquals(1, cy.inbox().await(WAIT, "a refusal", answer(45, "nosy")).path("code").asInt(), "only the sender");

        ben.send("{\"op\":30,\"groupId\":\"" + g + "\",\"msg\":\"something rude\",\"clientMsgId\":\"rude-1\"}");
        JsonNode rude = cy.inbox().await(WAIT, "ben's message", groupMessage("something rude"));
        ben.send("{\"op\":30,\"groupId\":\"" + g + "\",\"msg\":\"something rude\",\"clientMsgId\":\"rude-1\"}");
        cy.send("{\"op\":41,\"msgId\":\"" + rude.path("msgId").asText() + "\"}");
        Predicate<JsonNode> recalled = n -> n.path("op").asInt() == 41
                && n.path("recalledId").asText().equals(rude.path("msgId").asText());
        for (User u : List.of(ann, ben, cy)) {
            JsonNode e = u.inbox().await(WAIT, u.name() + " learns of the recall", recalled);
            assertEquals(g, e.path("groupId").asText());
            assertEquals(cy.id(), e.path("recalledBy").asLong());
        }
        assertEquals(1, ann.inbox().received(groupMessage("something rude")).size(), "the retried plain send came once");
        JsonNode history = ok("/group/history", ann, "groupId", g).path("data");
        history.forEach(m -> {
            if (m.path("msgId").asText().equals(rude.path("msgId").asText())) {
                assertEquals("recalled", m.path("type").asText());
            }
        });
    }
}
