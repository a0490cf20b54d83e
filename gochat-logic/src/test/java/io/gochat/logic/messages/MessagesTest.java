package io.gochat.logic.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.DownloadReply;
import io.gochat.protocol.service.HistoryQuery;
import io.gochat.protocol.service.HistoryReply;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.MessageService;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.PushRequest;
import io.gochat.protocol.service.SendReply;
import io.gochat.protocol.service.TypedSend;
import io.gochat.protocol.service.UploadReply;
import io.gochat.protocol.service.UploadRequest;
import io.gochat.redis.RedisConfigKeys;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Typed messages, uploads, recall, typing and read receipts through a real logic server (etcd, Redis,
 * sqlite, a blob directory), called over its RPC like the api and connect call it; every rule is attacked.
 */
class MessagesTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static final Duration WINDOW = Duration.ofSeconds(3);
    static GochatConfig config;
    static LogicServer logic;
    static ClusterNode client;
    static RpcClientPool<LogicService> logicPool;
    static RpcClientPool<MessageService> messages;

    @BeforeAll
    static void start() {
        config = TestLogic.config(etcd.endpoints(), redis.url(), dir)
                .with("blob.dir", dir.resolve("blobs").toString())
                .with("upload.maxKb.image", 64)
                .with("message.recallWindow", WINDOW.toSeconds() + "s")
                .with("limit.typing", "3/1m");
        logic = TestLogic.start(config);
        client = ClusterNode.join(config, "test", "");
        logicPool = client.pool(Roles.LOGIC, LogicService.class);
        messages = client.pool(Roles.LOGIC, MessageService.class);
        Eventually.await(Duration.ofSeconds(10), "logic found in etcd",
                () -> logicPool.targets().size() == 1 && messages.targets().size() == 1);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (logic != null) {
            logic.close();
        }
    }

    record User(long id, String token) {
        MessageCaller caller() {
            return MessageCaller.token(token);
        }
    }

    static User user(String name) {
        AuthReply r = logicPool.callAnyBlocking(s -> s.register(name, "pw"));
        assertEquals(0, r.code(), r.message());
        return new User(logicPool.callAnyBlocking(s -> s.checkAuth(r.token())).userId(), r.token());
    }

    static <T> T msg(Function<MessageService, CompletableFuture<T>> call) {
        return messages.callAnyBlocking(call);
    }

    static SendReply send(User from, User to, String type, String body) {
        return msg(s -> s.send(from.caller(), new TypedSend(to.id(), 0, type, body)));
    }

    static byte[] png(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                img.setRGB(x, y, new Color((x / 40 * 50) % 256, (y / 40 * 70) % 256, 90).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Random pixels: a PNG that does not compress. */
    static byte[] noisyPng(int w, int h) throws IOException {
        java.util.Random random = new java.util.Random(7);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                img.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static UploadReply upload(User u, String name, String declared, byte[] data) {
        return msg(s -> s.upload(u.caller(), new UploadRequest(name, declared, 0, data)));
    }

    static List<JsonNode> history(User u, User with) throws IOException {
        HistoryReply h = logicPool.callAnyBlocking(s -> s.privateHistory(new HistoryQuery(u.id(), with.id(), 50, 0)));
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

    /** The bodies queued for delivery (newest first), as task would take them. */
    static List<JsonNode> queued() throws IOException {
        io.gochat.redis.queue.QueueKeys keys = new io.gochat.redis.queue.QueueKeys(
                config.string(RedisConfigKeys.QUEUE_NAME), config.integer(RedisConfigKeys.QUEUE_PARTITIONS));
        List<StreamEntry> entries = new ArrayList<>();
        try (Jedis j = redis.jedis()) {
            for (String stream : keys.streams()) {
                entries.addAll(j.xrange(stream, (StreamEntryID) null,
                        (StreamEntryID) null));
            }
        }
        entries.sort(java.util.Comparator.comparing(StreamEntry::getID).reversed());
        List<JsonNode> out = new ArrayList<>();
        for (StreamEntry e : entries) {
            JsonNode entry = Json.MAPPER.readTree(e.getFields().get(io.gochat.redis.queue.MessageQueue.FIELD));
            ((com.fasterxml.jackson.databind.node.ObjectNode) entry).set("parsed", Json.MAPPER.readTree(entry.path("body").asText()));
            out.add(entry);
        }
        return out;
    }

    static List<JsonNode> unacked(User u) throws IOException {
        HistoryReply r = logicPool.callAnyBlocking(s -> s.unacked(u.id()));
        List<JsonNode> out = new ArrayList<>();
        for (String m : r.messages()) {
            out.add(Json.MAPPER.readTree(m));
        }
        return out;
    }

    @Test
    void anImageIsUploadedSentStoredQueuedForTheOfflineRecipientAndReturnedByHistory() throws Exception {
        User alice = user("m-alice1");
        User bob = user("m-bob1");
        UploadReply up = upload(alice, "cat.png", "application/octet-stream", png(300, 200));
        assertEquals(0, up.code(), up.message());
        assertEquals("image", up.file().kind());
        assertEquals("image/png", up.file().mime(), "sniffed from the bytes, not the declared type");
        assertEquals(300, up.file().width());
        assertTrue(up.file().thumbnail());

        SendReply sent = send(alice, bob, "image", "{\"fileId\":\"" + up.file().id() + "\"}");
        assertEquals(0, sent.code(), sent.message());
        assertTrue(sent.msgId() > 0);

        JsonNode m = byId(history(bob, alice), sent.msgId());
        assertNotNull(m, "history has the image message");
        assertEquals(Ops.SINGLE, m.path("op").asInt());
        assertEquals("[image]", m.path("msg").asText(), "clients without types show a text");
        assertEquals("image", m.path("type").asText());
        assertEquals(up.file().id(), m.path("body").path("fileId").asText());
        assertEquals("image/png", m.path("body").path("mime").asText());
        assertEquals(200, m.path("body").path("height").asInt());
        assertEquals("m-alice1", m.path("fromUserName").asText());
        assertNotNull(byId(unacked(bob), sent.msgId()), "offline bob gets it on his next connect");
    }

    @Test
    void everyTypeIsAcceptedWithAValidBody() throws Exception {
        User alice = user("m-alice2");
        User bob = user("m-bob2");
        String[][] cases = {
            {"text", "{\"text\":\"hello\"}"},
            {"image", "{\"url\":\"https://example.com/a.png\",\"width\":10,\"height\":20}"},
            {"voice", "{\"url\":\"https://example.com/a.ogg\",\"durationMs\":3000}"},
            {"video", "{\"url\":\"http://example.com/a.mp4\",\"durationMs\":10000}"},
            {"file", "{\"url\":\"https://example.com/a.pdf\",\"name\":\"a.pdf\",\"size\":100}"},
            {"emoji", "{\"code\":\"😀\"}"},
            {"sticker", "{\"url\":\"https://example.com/s.png\",\"pack\":\"cats\"}"},
            {"link", "{\"url\":\"https://gochat.io/x\",\"title\":\"T\",\"description\":\"D\",\"image\":\"https://gochat.io/i.png\"}"},
            {"location", "{\"lat\":48.85,\"lng\":2.35,\"label\":\"Paris\"}"},
            {"contact", "{\"userId\":\"" + bob.id() + "\",\"userName\":\"m-bob2\"}"},
            {"article", "{\"title\":\"News\",\"summary\":\"S\",\"url\":\"https://example.com/n\"}"},
            {"custom", "{\"kind\":\"poll\",\"options\":[1,2,3],\"nested\":{\"a\":true}}"},
        };
        for (String[] c : cases) {
            SendReply r = send(alice, bob, c[0], c[1]);
            assertEquals(0, r.code(), c[0] + ": " + r.message());
            JsonNode m = byId(history(alice, bob), r.msgId());
            assertEquals(c[0].equals("sticker") ? "emoji" : c[0], m.path("type").asText());
        }
        JsonNode loc = history(alice, bob).stream().filter(n -> n.path("type").asText().equals("location")).findFirst().orElseThrow();
        assertEquals(48.85, loc.path("body").path("lat").asDouble());
        assertEquals("[location] Paris", loc.path("msg").asText());
    }

    @Test
    void badBodiesAreRefusedWithCodeOneNamingTheField() {
        User alice = user("m-alice3");
        User bob = user("m-bob3");
        String[][] cases = {
            {"location", "{\"lat\":100,\"lng\":2}", "body.lat must be between -90 and 90"},
            {"location", "{\"lng\":2}", "body.lat is required for location"},
            {"link", "{\"url\":\"javascript:alert(1)\"}", "body.url must be an http or https URL"},
            {"image", "{\"url\":\"file:///etc/passwd\"}", "body.url must be an http or https URL"},
            {"image", "{\"url\":\"data:image/png;base64,AAAA\"}", "body.url must be an http or https URL"},
            {"image", "{}", "body.fileId or body.url is required for image"},
            {"text", "{\"text\":\"hi\",\"onclick\":\"x\"}", "body.onclick is not a field of text messages"},
            {"voice", "{\"url\":\"https://e.com/a\",\"durationMs\":-5}", "body.durationMs must be between 0 and 3600000"},
            {"contact", "{\"userId\":\"abc\"}", "body.userId must be a whole number"},
            {"custom", "{\"blob\":\"" + "x".repeat(5000) + "\"}", "body of a custom message must be at most 4096 bytes"},
            {"bomb", "{}", "type bomb is unknown"},
            {"text", "[1,2]", "body must be a JSON object"},
            {"image", "{\"fileId\":\"../../etc/passwd\"}", "body.fileId must be the id of an upload"},
        };
        for (String[] c : cases) {
            SendReply r = send(alice, bob, c[0], c[1]);
            assertEquals(1, r.code(), c[0] + " " + c[1]);
            assertTrue(r.message().startsWith(c[2]), "expected '" + c[2] + "', got '" + r.message() + "'");
        }
        SendReply noTarget = msg(s -> s.send(alice.caller(), new TypedSend(0, 0, "text", "{\"text\":\"x\"}")));
        assertEquals("toUserId or roomId is required", noTarget.message());
        SendReply badToken = msg(s -> s.send(MessageCaller.token("nope"), new TypedSend(bob.id(), 0, "text", "{\"text\":\"x\"}")));
        assertEquals(40000, badToken.code());
    }

    @Test
    void gochatsPlainTextMessageKeepsItsExactShape() throws Exception {
        User alice = user("m-alice4");
        User bob = user("m-bob4");
        PushReply r = logicPool.callAnyBlocking(s -> s.pushAs(alice.token(), new PushRequest(0, null, Ops.SINGLE, bob.id(), 1, "plain")));
        assertTrue(r.ok(), r.message());
        JsonNode m = history(alice, bob).get(0);
        List<String> fields = new ArrayList<>();
        m.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("code", "msg", "fromUserId", "fromUserName", "toUserId", "toUserName", "roomId", "op",
                "createTime", "msgId", "serverTime", "seq"), fields,
                "no type or body on gochat's text messages; the conversation's number (#17) last");
    }

    @Test
    void theSameBytesAreStoredOnceWhoeverUploadsThem() throws Exception {
        User alice = user("m-alice5");
        User bob = user("m-bob5");
        byte[] image = png(64, 64);
        UploadReply a = upload(alice, "a.png", "image/png", image);
        UploadReply b = upload(bob, "b.png", "image/png", image);
        assertTrue(a.ok() && b.ok());
        assertFalse(a.file().id().equals(b.file().id()), "each upload has its own id (and owner)");
        assertEquals(a.file().sha256(), b.file().sha256());
        long files;
        try (Stream<Path> all = Files.walk(dir.resolve("blobs"))) {
            files = all.filter(p -> p.getFileName().toString().equals(a.file().sha256())).count();
        }
        assertEquals(1, files, "one blob for the same bytes");
    }

    @Test
    void anOversizedImageADisguisedExecutableAndAnEmptyFileAreRefused() throws Exception {
        User alice = user("m-alice6");
        byte[] big = noisyPng(200, 200);
        assertTrue(big.length > 64 * 1024, "the test image is above the 64 KiB image limit");
        UploadReply tooBig = upload(alice, "big.png", "image/png", big);
        assertEquals(1, tooBig.code());
        assertTrue(tooBig.message().startsWith("image files may be at most 65536 bytes"), tooBig.message());

        byte[] exe = new byte[2048];
        exe[0] = 'M';
        exe[1] = 'Z';
        UploadReply disguised = upload(alice, "holiday.png", "image/png", exe);
        assertEquals(1, disguised.code());
        assertTrue(disguised.message().startsWith("executable files are refused"), disguised.message());
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        assertEquals(1, upload(alice, "x.jpg", "image/jpeg", elf).code());
        assertEquals(1, upload(alice, "run.txt", "text/plain", "#!/bin/sh\nrm -rf /\n".getBytes()).code());
        assertEquals("file is empty", upload(alice, "e", "text/plain", new byte[0]).message());

        UploadReply html = upload(alice, "page.png", "image/png", "<html><script>alert(1)</script></html>".getBytes());
        assertTrue(html.ok());
        assertEquals("application/octet-stream", html.file().mime(), "markup is never served as a page");
        assertEquals("file", html.file().kind());
    }

    @Test
    void onlyTheUploaderAndTheUsersOfAConversationItWasSentToMayDownloadIt() throws Exception {
        User alice = user("m-alice7");
        User bob = user("m-bob7");
        User eve = user("m-eve7");
        byte[] image = png(480, 320);
        UploadReply up = upload(alice, "secret.png", "image/png", image);
        String id = up.file().id();

        DownloadReply own = msg(s -> s.download(alice.caller(), id, false));
        assertArrayEquals(image, own.data());
        assertEquals("image/png", own.mime());
        assertEquals(1, msg(s -> s.download(bob.caller(), id, false)).code(), "not sent to bob yet");

        SendReply stolen = send(eve, bob, "image", "{\"fileId\":\"" + id + "\"}");
        assertEquals("body.fileId is not an upload of yours", stolen.message(), "eve cannot send alice's file");
        assertEquals(1, msg(s -> s.download(bob.caller(), id, false)).code(), "eve's try granted nothing");

        assertTrue(send(alice, bob, "image", "{\"fileId\":\"" + id + "\"}").ok());
        DownloadReply bobs = msg(s -> s.download(bob.caller(), id, false));
        assertArrayEquals(image, bobs.data(), "bob is in the conversation it was sent to");
        DownloadReply thumb = msg(s -> s.download(bob.caller(), id, true));
        assertEquals("image/jpeg", thumb.mime());
        BufferedImage t = ImageIO.read(new java.io.ByteArrayInputStream(thumb.data()));
        assertEquals(240, t.getWidth(), "the longer side is scaled to 240");

        DownloadReply stranger = msg(s -> s.download(eve.caller(), id, false));
        assertEquals(1, stranger.code());
        assertNull(stranger.data());
        assertEquals("no file " + id + " that you may see", stranger.message());
        assertEquals(40000, msg(s -> s.download(MessageCaller.token("forged"), id, false)).code());
        assertEquals(1, msg(s -> s.download(eve.caller(), "0123456789abcdef0123456789abcdef", false)).code());

        UploadReply voice = upload(alice, "v.ogg", "audio/ogg", "OggS-not-really-audio".getBytes());
        assertEquals("voice", voice.file().kind());
        SendReply wrongKind = send(alice, bob, "image", "{\"fileId\":\"" + voice.file().id() + "\"}");
        assertTrue(wrongKind.message().startsWith("body.fileId is a voice upload"), wrongKind.message());
    }

    @Test
    void theSenderRecallsWithinTheWindowAndHistoryAndTheOfflineRecipientSeeATombstone() throws Exception {
        User alice = user("m-alice8");
        User bob = user("m-bob8");
        User eve = user("m-eve8");
        SendReply sent = send(alice, bob, "text", "{\"text\":\"oops, wrong chat\"}");
        assertTrue(sent.ok());

        PushReply byEve = msg(s -> s.recall(eve.caller(), sent.msgId()));
        assertEquals("no message " + sent.msgId() + " of yours to recall", byEve.message());
        PushReply byBob = msg(s -> s.recall(bob.caller(), sent.msgId()));
        assertEquals(1, byBob.code(), "the recipient cannot recall the sender's message");
        assertEquals(1, msg(s -> s.recall(alice.caller(), 424242L)).code());

        PushReply ok = msg(s -> s.recall(alice.caller(), sent.msgId()));
        assertEquals(0, ok.code(), ok.message());
        JsonNode tomb = byId(history(bob, alice), sent.msgId());
        assertEquals("recalled", tomb.path("type").asText());
        assertEquals("", tomb.path("msg").asText());
        assertTrue(tomb.path("body").isMissingNode(), "the content is gone");
        assertFalse(tomb.toString().contains("wrong chat"));

        List<JsonNode> pending = unacked(bob);
        assertNull(byId(pending, sent.msgId()), "offline bob will not get the content");
        JsonNode event = pending.stream().filter(n -> n.path("op").asInt() == Ops.RECALL).findFirst().orElseThrow();
        assertEquals(sent.msgId(), event.path("recalledId").asLong());
        assertEquals("message " + sent.msgId() + " is already recalled",
                msg(s -> s.recall(alice.caller(), sent.msgId())).message());
        assertTrue(queued().stream().anyMatch(q -> q.path("parsed").path("op").asInt() == Ops.RECALL
                && q.path("toUserId").asLong() == alice.id()), "alice's other devices hear of it too");
    }

    @Test
    void aMessageOlderThanTheWindowCannotBeRecalled() throws Exception {
        User alice = user("m-alice9");
        User bob = user("m-bob9");
        SendReply sent = send(alice, bob, "text", "{\"text\":\"too late\"}");
        long createdAt = byId(history(alice, bob), sent.msgId()).path("serverTime").asLong();
        Eventually.await(WINDOW.plusSeconds(5), "the recall window has passed",
                () -> System.currentTimeMillis() > createdAt + WINDOW.toMillis() + 50);
        PushReply late = msg(s -> s.recall(alice.caller(), sent.msgId()));
        assertEquals(1, late.code());
        assertTrue(late.message().contains("older than the recall window"), late.message());
        assertEquals("too late", byId(history(bob, alice), sent.msgId()).path("body").path("text").asText());
    }

    @Test
    void typingGoesToTheOtherUserOnlyIsNeverStoredAndIsRateLimited() throws Exception {
        User alice = user("m-alice10");
        User bob = user("m-bob10");
        logicPool.callAnyBlocking(s -> s.connect(new ConnectRequest(bob.token(), 0, "ws-x", "c1")));
        assertEquals(0, msg(s -> s.typing(alice.caller(), bob.id(), true)).code());
        JsonNode event = queued().stream().filter(q -> q.path("parsed").path("op").asInt() == Ops.TYPING
                && q.path("toUserId").asLong() == bob.id()).findFirst().orElseThrow();
        assertEquals(alice.id(), event.path("parsed").path("fromUserId").asLong());
        assertTrue(event.path("parsed").path("typing").asBoolean());
        assertTrue(unacked(bob).isEmpty(), "typing is never kept");
        assertTrue(history(bob, alice).isEmpty(), "typing is never stored");
        assertEquals("toUserId must be another user's id", msg(s -> s.typing(alice.caller(), alice.id(), true)).message());
        assertEquals(0, msg(s -> s.typing(alice.caller(), bob.id(), false)).code());
        msg(s -> s.typing(alice.caller(), bob.id(), true));
        PushReply limited = msg(s -> s.typing(alice.caller(), bob.id(), true));
        assertEquals(1, limited.code());
        assertTrue(limited.message().startsWith("too many requests"), limited.message());
    }

    @Test
    void readReceiptsMoveForwardOnlyReachTheSenderAndTheReadersDevicesAndStayInTheirChat() throws Exception {
        User alice = user("m-alice11");
        User bob = user("m-bob11");
        User eve = user("m-eve11");
        SendReply m1 = send(alice, bob, "text", "{\"text\":\"one\"}");
        SendReply m2 = send(alice, bob, "text", "{\"text\":\"two\"}");
        SendReply other = send(eve, alice, "text", "{\"text\":\"private\"}");

        assertEquals(0, msg(s -> s.read(bob.caller(), alice.id(), m2.msgId())).code());
        JsonNode event = unacked(alice).stream().filter(n -> n.path("op").asInt() == Ops.READ).findFirst().orElseThrow();
        assertEquals(bob.id(), event.path("fromUserId").asLong());
        assertEquals(m2.msgId(), event.path("upToId").asLong());
        assertTrue(queued().stream().anyMatch(q -> q.path("parsed").path("op").asInt() == Ops.READ
                && q.path("toUserId").asLong() == bob.id()), "bob's other devices learn the chat is read");

        assertEquals("ok, already read", msg(s -> s.read(bob.caller(), alice.id(), m1.msgId())).message());
        PushReply foreign = msg(s -> s.read(bob.caller(), alice.id(), other.msgId()));
        assertEquals("no message " + other.msgId() + " in your chat with user " + alice.id(), foreign.message(),
                "a message of another chat cannot be marked read");
        assertEquals(1, msg(s -> s.read(bob.caller(), bob.id(), m1.msgId())).code());
    }

    @Test
    void theConversationListShowsLastMessagesUnreadCountsAndPinsAndStaysTheSameForEveryDevice() throws Exception {
        User alice = user("m-alice12");
        User bob = user("m-bob12");
        User carol = user("m-carol12");
        send(alice, bob, "text", "{\"text\":\"one\"}");
        SendReply two = send(alice, bob, "text", "{\"text\":\"two\"}");
        send(bob, alice, "text", "{\"text\":\"from bob\"}");
        send(carol, bob, "location", "{\"lat\":1,\"lng\":2}");

        io.gochat.protocol.service.ConversationList list = msg(s -> s.conversations(bob.caller(), 0));
        assertEquals(0, list.code());
        assertEquals(2, list.conversations().size());
        var first = list.conversations().get(0);
        assertEquals(carol.id(), first.withUserId(), "the most recent chat first");
        assertEquals("m-carol12", first.withUserName());
        assertEquals(1, first.unread());
        assertEquals("location", Json.MAPPER.readTree(first.lastMessage()).path("type").asText());
        var withAlice = list.conversations().get(1);
        assertEquals(2, withAlice.unread(), "bob's own message does not count");
        assertEquals("from bob", Json.MAPPER.readTree(withAlice.lastMessage()).path("body").path("text").asText());

        assertEquals(0, msg(s -> s.read(bob.caller(), alice.id(), two.msgId())).code());
        assertEquals(0, msg(s -> s.conversations(bob.caller(), 0)).conversations().get(1).unread(), "read: none unread");

        assertEquals(0, msg(s -> s.changeConversation(bob.caller(),
                new io.gochat.protocol.service.ConversationChange(alice.id(), true, true, "half a thought"))).code());
        var pinned = msg(s -> s.conversations(bob.caller(), 0)).conversations().get(0);
        assertEquals(alice.id(), pinned.withUserId(), "pinned first");
        assertTrue(pinned.pinned() && pinned.muted());
        assertEquals("half a thought", pinned.draft());
        assertTrue(queued().stream().anyMatch(q -> q.path("parsed").path("op").asInt() == Ops.CONVERSATION
                && q.path("toUserId").asLong() == bob.id() && q.path("parsed").path("pinned").asBoolean()),
                "bob's devices learn of the pin");
        assertEquals(0, msg(s -> s.changeConversation(bob.caller(),
                new io.gochat.protocol.service.ConversationChange(alice.id(), false, null, ""))).code());
        var unpinned = msg(s -> s.conversations(bob.caller(), 0)).conversations().stream()
                .filter(e -> e.withUserId() == alice.id()).findFirst().orElseThrow();
        assertFalse(unpinned.pinned());
        assertTrue(unpinned.muted(), "an absent field stays as it was");
        assertNull(unpinned.draft(), "an empty draft clears it");

        assertTrue(msg(s -> s.conversations(carol.caller(), 0)).conversations().stream()
                .noneMatch(e -> e.withUserId() == alice.id()), "carol does not see alice and bob's chat");
        assertEquals(1, msg(s -> s.changeConversation(bob.caller(),
                new io.gochat.protocol.service.ConversationChange(987654321L, true, null, null))).code());
        assertEquals(40000, msg(s -> s.conversations(MessageCaller.token("forged"), 0)).code());
    }

    @Test
    void recallingAFileMessageTakesTheFileAwayFromTheRecipientUnlessAnotherMessageStillCarriesIt() throws Exception {
        User alice = user("m-alice13");
        User bob = user("m-bob13");
        UploadReply up = upload(alice, "p.png", "image/png", png(50, 50));
        String body = "{\"fileId\":\"" + up.file().id() + "\"}";
        SendReply first = send(alice, bob, "image", body);
        SendReply second = send(alice, bob, "image", body);
        assertEquals(0, msg(s -> s.recall(alice.caller(), first.msgId())).code());
        assertEquals(0, msg(s -> s.download(bob.caller(), up.file().id(), false)).code(), "the second message still has it");
        assertEquals(0, msg(s -> s.recall(alice.caller(), second.msgId())).code());
        assertEquals(1, msg(s -> s.download(bob.caller(), up.file().id(), false)).code(), "recalled: bob cannot fetch it");
        assertEquals(0, msg(s -> s.download(alice.caller(), up.file().id(), false)).code(), "the uploader keeps it");
    }

    @Test
    void aVoiceClipKeepsTheDurationItWasUploadedWithAndAnImageIgnoresOne() throws Exception {
        User alice = user("m-alice14");
        User bob = user("m-bob14");
        UploadReply voice = msg(s -> s.upload(alice.caller(), new UploadRequest("v.ogg", "audio/ogg", 4200,
                "OggS voice bytes".getBytes())));
        assertEquals(4200, voice.file().durationMs());
        SendReply sent = send(alice, bob, "voice", "{\"fileId\":\"" + voice.file().id() + "\"}");
        assertEquals(4200, byId(history(bob, alice), sent.msgId()).path("body").path("durationMs").asLong());
        byte[] tiny = png(10, 10);
        UploadReply image = msg(s -> s.upload(alice.caller(), new UploadRequest("i.png", "image/png", 999, tiny)));
        assertEquals(0, image.file().durationMs(), "only voice and video have a duration");
        assertEquals("durationMs must be between 0 and 3600000", msg(s -> s.upload(alice.caller(),
                new UploadRequest("v.ogg", "audio/ogg", -1, "OggS x".getBytes()))).message());
    }
}
