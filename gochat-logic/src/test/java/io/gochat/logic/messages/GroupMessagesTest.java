package io.gochat.logic.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.json.Json;
import io.gochat.logic.LogicServer;
import io.gochat.logic.TestLogic;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.ConversationChange;
import io.gochat.protocol.service.ConversationEntry;
import io.gochat.protocol.service.ConversationList;
import io.gochat.protocol.service.DownloadReply;
import io.gochat.protocol.service.GroupReads;
import io.gochat.protocol.service.GroupReply;
import io.gochat.protocol.service.GroupService;
import io.gochat.protocol.service.GroupSpec;
import io.gochat.protocol.service.HistoryQuery;
import io.gochat.protocol.service.HistoryReply;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.MessageService;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.SendReply;
import io.gochat.protocol.service.TypedSend;
import io.gochat.protocol.service.UploadReply;
import io.gochat.protocol.service.UploadRequest;
import io.gochat.redis.RedisConfigKeys;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Typed messages, recall, read state, the conversation list, downloads and client message ids in groups,
 * through a real logic server on every engine (etcd, Redis, sqlite / PostgreSQL / MariaDB), called over its
 * RPC as the api and connect call it. Each test tries to break a rule: a stranger, a muted member, a member
 * who left or was removed, an admin acting above their rank, a retried send.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Engine.class)
class GroupMessagesTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();

    static final Duration WINDOW = Duration.ofSeconds(2);

    @Parameter
    Engine engine;

    static Path dir;
    static TestDatabase testDb;
    static UserDatabase db;
    static GochatConfig config;
    static LogicServer logic;
    static ClusterNode client;
    static RpcClientPool<LogicService> logicPool;
    static RpcClientPool<MessageService> messages;
    static RpcClientPool<GroupService> groups;
    static int round;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) throws IOException {
        dir = Files.createTempDirectory("group-messages-");
        testDb = databases.create(engine);
        config = TestLogic.config(etcd.endpoints(), redis.url(), dir)
                .with("db.url", testDb.url())
                .with("message.recallWindow", WINDOW.toSeconds() + "s")
                .with("queue.name", "gm_" + engine.name().toLowerCase());
        logic = TestLogic.start(config);
        client = ClusterNode.join(config, "test", "");
        logicPool = client.pool(Roles.LOGIC, LogicService.class);
        messages = client.pool(Roles.LOGIC, MessageService.class);
        groups = client.pool(Roles.LOGIC, GroupService.class);
        Eventually.await(Duration.ofSeconds(10), "logic found in etcd", () -> logicPool.targets().size() == 1
                && messages.targets().size() == 1 && groups.targets().size() == 1);
        db = UserDatabase.open(testDb.url());
        db.addMapper(GroupChatMapper.class);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (client != null) {
            client.close();
        }
        if (logic != null) {
            logic.close();
        }
        testDb.close();
    }

    record User(long id, String name, String token) {
        MessageCaller caller() {
            return MessageCaller.token(token);
        }
    }

    static User user(String name) {
        String unique = name + (++round);
        AuthReply r = logicPool.callAnyBlocking(s -> s.register(unique, "pw"));
        assertEquals(0, r.code(), r.message());
        return new User(logicPool.callAnyBlocking(s -> s.checkAuth(r.token())).userId(), unique, r.token());
    }

    static <T> T msg(Function<MessageService, CompletableFuture<T>> call) {
        return messages.callAnyBlocking(call);
    }

    static GroupReply group(Function<GroupService, CompletableFuture<GroupReply>> call) {
        GroupReply r = groups.callAnyBlocking(call);
        assertEquals(0, r.code(), r.message());
        return r;
    }

    /** A group owned by {@code owner} with {@code members} joined (an open group), in that order. */
    static long groupOf(User owner, User... members) throws IOException {
        GroupReply r = group(g -> g.create(owner.id(), new GroupSpec("Tea " + round, "", "", "open", 0)));
        long id = Json.MAPPER.readTree(r.data()).get("groupId").asLong();
        for (User m : members) {
            group(g -> g.join(m.id(), id, ""));
        }
        return id;
    }

    static SendReply send(User from, long groupId, String type, String body) {
        return msg(s -> s.send(from.caller(), TypedSend.toGroup(groupId, type, body, null)));
    }

    static SendReply sent(User from, long groupId, String type, String body) {
        SendReply r = send(from, groupId, type, body);
        assertEquals(0, r.code(), r.message());
        assertTrue(r.msgId() > 0);
        return r;
    }

    static List<JsonNode> history(User u, long groupId) throws IOException {
        HistoryReply h = groups.callAnyBlocking(g -> g.history(new HistoryQuery(u.id(), groupId, 100, 0)));
        assertTrue(h.ok(), h.message());
        List<JsonNode> out = new ArrayList<>();
        for (String m : h.messages()) {
            out.add(Json.MAPPER.readTree(m));
        }
        return out;
    }

    static JsonNode byId(List<JsonNode> list, long id) {
        return list.stream().filter(n -> n.path("msgId").asLong() == id).findFirst().orElse(null);
    }

    /** The entries queued for delivery (newest first), each with its body parsed as {@code parsed}. */
    static List<JsonNode> queued() throws IOException {
        io.gochat.redis.queue.QueueKeys keys = new io.gochat.redis.queue.QueueKeys(
                config.string(RedisConfigKeys.QUEUE_NAME), config.integer(RedisConfigKeys.QUEUE_PARTITIONS));
        List<StreamEntry> entries = new ArrayList<>();
        try (Jedis j = redis.jedis()) {
            for (String stream : keys.streams()) {
                entries.addAll(j.xrange(stream, (StreamEntryID) null, (StreamEntryID) null));
            }
        }
        entries.sort(java.util.Comparator.comparing(StreamEntry::getID).reversed());
        List<JsonNode> out = new ArrayList<>();
        for (StreamEntry e : entries) {
            JsonNode entry = Json.MAPPER.readTree(e.getFields().get(io.gochat.redis.queue.MessageQueue.FIELD));
            ((com.fasterxml.jackson.databind.node.ObjectNode) entry).set("parsed",
                    Json.MAPPER.readTree(entry.path("body").asText()));
            out.add(entry);
        }
        return out;
    }

    static byte[] png() throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, 0xff0000 + round);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static UploadReply upload(User u, String name, byte[] data) {
        UploadReply r = msg(s -> s.upload(u.caller(), new UploadRequest(name, "application/octet-stream", 0, data)));
        assertEquals(0, r.code(), r.message());
        return r;
    }

    static DownloadReply download(User u, String fileId) {
        return msg(s -> s.download(u.caller(), fileId, false));
    }

    @Test
    void everyTypeReachesTheGroupAsOp30WhileStrangersMutedMembersAndAMutedGroupAreRefused() throws Exception {
        User ann = user("ann");
        User bob = user("bob");
        User cy = user("cy");
        User dan = user("dan");
        long g = groupOf(ann, bob, cy);
        group(s -> s.setRole(ann.id(), g, cy.id(), "admin"));
        String image = upload(ann, "cat.png", png()).file().id();
        String[][] cases = {
            {"text", "{\"text\":\"hello group\"}"},
            {"image", "{\"fileId\":\"" + image + "\"}"},
            {"emoji", "{\"fileId\":\"" + image + "\"}"},
            {"file", "{\"fileId\":\"" + image + "\"}"},
            {"link", "{\"url\":\"https://example.org/a\",\"title\":\"A\"}"},
            {"location", "{\"lat\":48.85,\"lng\":2.35,\"label\":\"Paris\"}"},
            {"contact", "{\"userId\":" + dan.id() + ",\"userName\":\"dan\"}"},
            {"article", "{\"title\":\"News\",\"url\":\"https://example.org/n\"}"},
            {"custom", "{\"kind\":\"poll\",\"options\":[1,2]}"},
        };
        List<Long> ids = new ArrayList<>();
        for (String[] c : cases) {
            SendReply r = send(ann, g, c[0], c[1]);
            assertEquals(0, r.code(), c[0] + ": " + r.message());
            ids.add(r.msgId());
        }
        List<JsonNode> h = history(bob, g);
        for (int i = 0; i < cases.length; i++) {
            JsonNode m = byId(h, ids.get(i));
            assertNotNull(m, cases[i][0] + " is in the group's history");
            assertEquals(Ops.GROUP, m.path("op").asInt());
            assertEquals(g, m.path("groupId").asLong());
            assertEquals(cases[i][0], m.path("type").asText());
            assertTrue(m.path("body").isObject());
            assertTrue(!m.path("msg").asText().isEmpty(), "a preview for clients that know no types");
        }
        assertEquals(40, byId(h, ids.get(1)).path("body").path("width").asInt(), "the server's own image facts");
        JsonNode queued = queued().stream().filter(q -> q.path("msgId").asLong() == ids.get(0)).findFirst().orElseThrow();
        assertEquals(g, queued.path("groupId").asLong(), "queued to the group's members");

        SendReply stranger = send(dan, g, "text", "{\"text\":\"let me in\"}");
        assertEquals(1, stranger.code());
        assertEquals("you are not a member of group " + g, stranger.message());
        SendReply bad = send(bob, g, "location", "{\"lat\":500,\"lng\":1}");
        assertEquals(1, bad.code());
        assertTrue(bad.message().startsWith("body.lat"), bad.message());

        group(s -> s.mute(cy.id(), g, bob.id(), 60));
        SendReply muted = send(bob, g, "text", "{\"text\":\"shh\"}");
        assertEquals(1, muted.code());
        assertTrue(muted.message().startsWith("you are muted in group " + g), muted.message());
        group(s -> s.mute(cy.id(), g, bob.id(), 0));
        group(s -> s.muteAll(ann.id(), g, true));
        assertEquals("group " + g + " is muted: only admins may send", send(bob, g, "text", "{\"text\":\"x\"}").message());
        sent(cy, g, "text", "{\"text\":\"admins still speak\"}");
        group(s -> s.muteAll(ann.id(), g, false));
        sent(bob, g, "text", "{\"text\":\"back\"}");
    }

    @Test
    void theSenderRecallsWithinTheWindowAndAnAdminRecallsAMembersMessageAnyTimeButNotAbove() throws Exception {
        User ann = user("ann");
        User bob = user("bob");
        User cy = user("cy");
        User eve = user("eve");
        User dan = user("dan");
        long g = groupOf(ann, bob, cy, eve);
        group(s -> s.setRole(ann.id(), g, cy.id(), "admin"));
        group(s -> s.setRole(ann.id(), g, eve.id(), "admin"));

        long own = sent(bob, g, "text", "{\"text\":\"oops\"}").msgId();
        assertEquals("no message " + own + " of yours to recall", msg(s -> s.recall(dan.caller(), own)).message(),
                "a stranger learns nothing");
        long annMsg = sent(ann, g, "text", "{\"text\":\"owner speaking\"}").msgId();
        long eveMsg = sent(eve, g, "text", "{\"text\":\"admin speaking\"}").msgId();
        assertEquals("no message " + annMsg + " of yours to recall", msg(s -> s.recall(bob.caller(), annMsg)).message(),
                "a member recalls only their own");
        PushReply aboveRank = msg(s -> s.recall(cy.caller(), eveMsg));
        assertEquals(1, aboveRank.code());
        assertTrue(aboveRank.message().contains("ranked below you"), aboveRank.message());
        assertEquals(1, msg(s -> s.recall(cy.caller(), annMsg)).code(), "an admin never recalls the owner's message");

        PushReply mine = msg(s -> s.recall(bob.caller(), own));
        assertEquals(0, mine.code(), mine.message());
        JsonNode tomb = byId(history(cy, g), own);
        assertEquals("recalled", tomb.path("type").asText());
        assertEquals("", tomb.path("msg").asText());
        assertTrue(tomb.path("body").isMissingNode(), "the content is gone");
        HistoryReply since = groups.callAnyBlocking(s -> s.since(cy.id(), g, own, 50));
        JsonNode event = null;
        for (String m : since.messages()) {
            JsonNode n = Json.MAPPER.readTree(m);
            if (n.path("op").asInt() == Ops.RECALL && n.path("recalledId").asLong() == own) {
                event = n;
            }
        }
        assertNotNull(event, "the recall event is in the group's history: members offline catch up on it");
        assertEquals(g, event.path("groupId").asLong());

        long late = sent(bob, g, "text", "{\"text\":\"spam\"}").msgId();
        long createdAt = io.gochat.cluster.ids.Snowflake.millisOf(late);
        Eventually.await(WINDOW.plusSeconds(5), "the recall window has passed",
                () -> System.currentTimeMillis() > createdAt + WINDOW.toMillis() + 50);
        assertTrue(msg(s -> s.recall(bob.caller(), late)).message().contains("older than the recall window"),
                "the window binds the sender");
        PushReply moderated = msg(s -> s.recall(cy.caller(), late));
        assertEquals(0, moderated.code(), "an admin is not bound by the window: " + moderated.message());
        assertEquals(cy.id(), byId(history(ann, g), late).path("recalledBy").asLong());
        PushReply ownerOnAdmin = msg(s -> s.recall(ann.caller(), eveMsg));
        assertEquals(0, ownerOnAdmin.code(), "the owner recalls an admin's message: " + ownerOnAdmin.message());

        long gone = sent(bob, g, "text", "{\"text\":\"then I leave\"}").msgId();
        group(s -> s.leave(bob.id(), g));
        assertEquals(1, msg(s -> s.recall(bob.caller(), gone)).code(), "a sender who left no longer recalls there");
        assertEquals(0, msg(s -> s.recall(cy.caller(), gone)).code(), "an admin still may");
    }

    @Test
    void readCountsAndReadersComeFromEachMembersReadMarkAndSendingWritesNoRowPerMember() throws Exception {
        User ann = user("ann");
        User bob = user("bob");
        User cy = user("cy");
        User dan = user("dan");
        long g = groupOf(ann, bob, cy);
        long m1 = sent(ann, g, "text", "{\"text\":\"one\"}").msgId();
        long m2 = sent(ann, g, "text", "{\"text\":\"two\"}").msgId();
        long bobs = sent(bob, g, "text", "{\"text\":\"mine\"}").msgId();
        assertEquals(0, db.with(GroupChatMapper.class, m -> m.marksFrom("g:" + g, 0)).size(),
                "three messages to three members wrote no read rows");

        assertEquals(0, msg(s -> s.readGroup(bob.caller(), g, m1)).code());
        assertEquals(0, msg(s -> s.readGroup(cy.caller(), g, bobs)).code());
        assertEquals("ok, already read", msg(s -> s.readGroup(cy.caller(), g, m1)).message(), "a mark never moves back");
        assertEquals("you are not a member of group " + g, msg(s -> s.readGroup(dan.caller(), g, m1)).message());
        assertEquals(1, msg(s -> s.readGroup(bob.caller(), g + 1_000_000, m1)).code());
        assertEquals(2, db.with(GroupChatMapper.class, m -> m.marksFrom("g:" + g, 0)).size(), "one row per reader");

        JsonNode readEvent = queued().stream().filter(q -> q.path("parsed").path("op").asInt() == Ops.READ
                && q.path("parsed").path("groupId").asLong() == g && q.path("toUserId").asLong() == bob.id())
                .findFirst().orElse(null);
        assertNotNull(readEvent, "bob's other devices learn his read mark");
        assertEquals(m1, readEvent.path("parsed").path("upToId").asLong());

        group(s -> s.join(dan.id(), g, ""));   // joined after the messages: not one of their readers
        assertEquals(0, msg(s -> s.readGroup(dan.caller(), g, bobs)).code());

        GroupReads r1 = msg(s -> s.readers(ann.caller(), m1));
        assertEquals(0, r1.code(), r1.message());
        GroupReads.GroupRead one = r1.reads().get(0);
        assertEquals(2, one.readCount());
        assertEquals(2, one.memberCount(), "bob and cy; not ann (the sender), not dan (joined later)");
        assertEquals(List.of(bob.id(), cy.id()), one.readers().stream().map(GroupReads.Reader::userId).toList());
        assertEquals(bob.name(), one.readers().get(0).userName());
        GroupReads r2 = msg(s -> s.readers(ann.caller(), m2));
        assertEquals(1, r2.reads().get(0).readCount());
        assertEquals(1, msg(s -> s.readers(bob.caller(), m1)).code(), "only the sender lists who read");
        assertEquals(1, msg(s -> s.readers(dan.caller(), m1)).code());

        GroupReads counts = msg(s -> s.readCounts(ann.caller(), g, List.of(m1, m2, bobs)));
        assertEquals(0, counts.code(), counts.message());
        assertEquals(2, counts.reads().size(), "bob's message is left out of ann's counts");
        assertEquals(2, counts.reads().get(0).readCount());
        assertEquals(1, counts.reads().get(1).readCount());
        assertTrue(counts.reads().get(0).readers().isEmpty(), "counts only");
        assertEquals(1, msg(s -> s.readCounts(dan.caller(), g + 1_000_000, List.of(m1))).code());

        group(s -> s.leave(cy.id(), g));
        assertEquals(1, msg(s -> s.readers(ann.caller(), m1)).reads().get(0).readCount(), "members who left no longer count");
    }

    @Test
    void groupsJoinTheConversationListWithUnreadCountsSettingsAndTheirLastMessage() throws Exception {
        User ann = user("ann");
        User bob = user("bob");
        User dan = user("dan");
        long g = groupOf(ann, bob);
        long quiet = groupOf(ann, bob);
        sent(ann, g, "text", "{\"text\":\"a\"}");
        sent(bob, g, "text", "{\"text\":\"mine\"}");
        long last = sent(ann, g, "location", "{\"lat\":1,\"lng\":2}").msgId();

        ConversationEntry entry = entry(bob, "g:" + g);
        assertEquals(g, entry.groupId());
        assertTrue(entry.groupName().startsWith("Tea"));
        assertEquals(2, entry.unread(), "ann's two, not bob's own");
        assertEquals(last, entry.lastId());
        assertEquals("location", Json.MAPPER.readTree(entry.lastMessage()).path("type").asText());
        ConversationEntry empty = entry(bob, "g:" + quiet);
        assertNull(empty.lastMessage(), "a group nobody wrote in yet");
        assertEquals(0, empty.unread());
        assertEquals(0, entry(ann, "g:" + g).unread() - 1, "bob's one message is unread for ann");

        assertEquals(0, msg(s -> s.readGroup(bob.caller(), g, last)).code());
        assertEquals(0, entry(bob, "g:" + g).unread());

        PushReply pin = msg(s -> s.changeConversation(bob.caller(), new ConversationChange(0, true, true, "draft", quiet)));
        assertEquals(0, pin.code(), pin.message());
        ConversationList list = msg(s -> s.conversations(bob.caller(), 0));
        assertEquals("g:" + quiet, list.conversations().get(0).conversation(), "pinned first");
        assertTrue(list.conversations().get(0).muted());
        assertEquals("draft", list.conversations().get(0).draft());
        JsonNode event = queued().stream().filter(q -> q.path("parsed").path("op").asInt() == Ops.CONVERSATION
                && q.path("parsed").path("groupId").asLong() == quiet).findFirst().orElse(null);
        assertNotNull(event, "bob's devices learn the new settings");
        assertEquals(1, msg(s -> s.changeConversation(dan.caller(), new ConversationChange(0, true, null, null, g))).code(),
                "a stranger has no settings for a group");
        assertTrue(msg(s -> s.conversations(dan.caller(), 0)).conversations().stream()
                .noneMatch(e -> e.groupId() == g), "nor does the group appear in a stranger's list");
    }

    static ConversationEntry entry(User u, String conversation) {
        ConversationList list = msg(s -> s.conversations(u.caller(), 0));
        assertEquals(0, list.code(), list.message());
        return list.conversations().stream().filter(e -> e.conversation().equals(conversation)).findFirst()
                .orElseThrow(() -> new AssertionError(conversation + " not in " + list.conversations()));
    }

    @Test
    void aFileSentInAGroupIsForItsMembersOnlyNotForStrangersNorMembersWhoLeftOrWereRemoved() throws Exception {
        User ann = user("ann");
        User bob = user("bob");
        User cy = user("cy");
        User dan = user("dan");
        long g = groupOf(ann, bob, cy);
        String file = upload(ann, "plan.png", png()).file().id();
        sent(ann, g, "image", "{\"fileId\":\"" + file + "\"}");
        assertEquals(0, download(bob, file).code(), "a member downloads it");
        assertEquals(0, download(ann, file).code());
        DownloadReply stranger = download(dan, file);
        assertNotEquals(0, stranger.code(), "a stranger does not");
        assertNull(stranger.data());

        group(s -> s.leave(bob.id(), g));
        assertNotEquals(0, download(bob, file).code(), "a member who left no longer does");
        group(s -> s.kick(ann.id(), g, cy.id(), false));
        assertNotEquals(0, download(cy, file).code(), "a member who was removed no longer does");

        String dans = upload(dan, "mine.png", png()).file().id();
        SendReply sneaky = send(dan, g, "image", "{\"fileId\":\"" + dans + "\"}");
        assertEquals(1, sneaky.code(), "a stranger cannot send into the group");
        group(s -> s.join(bob.id(), g, ""));
        assertNotEquals(0, download(bob, dans).code(), "and the refused send granted nobody the file");
        assertEquals(0, download(bob, file).code(), "bob is back: the group's file is his again");
    }

    @Test
    void aRetriedSendWithTheSameClientMsgIdIsStoredOnceAndAnsweredWithTheFirstId() throws Exception {
        User ann = user("ann");
        User bob = user("bob");
        long g = groupOf(ann, bob);
        TypedSend typed = TypedSend.toGroup(g, "text", "{\"text\":\"once\"}", "c-typed-1");
        SendReply first = msg(s -> s.send(ann.caller(), typed));
        SendReply again = msg(s -> s.send(ann.caller(), typed));
        assertEquals(0, again.code(), again.message());
        assertEquals(first.msgId(), again.msgId(), "the retry is answered with the first id");
        PushReply plain = groups.callAnyBlocking(s -> s.send(ann.id(), ann.name(), g, "plain once", "c-plain-1"));
        PushReply plainAgain = groups.callAnyBlocking(s -> s.send(ann.id(), ann.name(), g, "plain once", "c-plain-1"));
        assertEquals(0, plain.code(), plain.message());
        assertEquals(0, plainAgain.code(), plainAgain.message());
        List<JsonNode> h = history(bob, g);
        assertEquals(1, h.stream().filter(n -> n.path("msg").asText().equals("once")).count());
        assertEquals(1, h.stream().filter(n -> n.path("msg").asText().equals("plain once")).count());

        TypedSend direct = new TypedSend(bob.id(), 0, "text", "{\"text\":\"1:1 once\"}", 0, "c-direct-1");
        SendReply d1 = msg(s -> s.send(ann.caller(), direct));
        SendReply d2 = msg(s -> s.send(ann.caller(), direct));
        assertEquals(0, d2.code(), d2.message());
        assertEquals(d1.msgId(), d2.msgId(), "a typed 1:1 retry too");
        HistoryReply p = logicPool.callAnyBlocking(s -> s.privateHistory(new HistoryQuery(ann.id(), bob.id(), 50, 0)));
        assertEquals(1, p.messages().stream().filter(m -> m.contains("1:1 once")).count());

        String tooLong = "x".repeat(65);
        assertEquals(1, msg(s -> s.send(ann.caller(), TypedSend.toGroup(g, "text", "{\"text\":\"x\"}", tooLong))).code());
        assertEquals(1, groups.callAnyBlocking(s -> s.send(ann.id(), ann.name(), g, "x", "")).code());
    }
}
