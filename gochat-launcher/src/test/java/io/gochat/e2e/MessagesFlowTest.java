package io.gochat.e2e;

import static io.gochat.e2e.Inbox.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.WsTestClient;
import io.gochat.core.json.Json;
import io.gochat.e2e.ChatCluster.User;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typed messages, recall, typing and read receipts end to end over real sockets: a WebSocket user and a TCP
 * user on separate connect servers, every module on one cluster runtime (as --module=all).
 */
class MessagesFlowTest {
    @RegisterExtension
    static ChatCluster chat = new ChatCluster(LocalCluster.Layout.ONE_PROCESS);

    static final Duration WAIT = ChatCluster.WAIT;
    static ConnectServer ws;
    static ConnectServer tcp;
    static ApiClient api;
    static int apiPort;

    @BeforeAll
    static void startCluster() {
        chat.cluster().logic();
        ws = chat.cluster().ws("ws-1");
        tcp = chat.cluster().tcp("tcp-1");
        chat.cluster().task();
        api = chat.startApi();
        apiPort = chat.apiPort();
    }

    private User wsUser(String name) {
        return chat.onWs(ws, chat.signUp(name), 0);
    }

    private User tcpUser(String name) throws Exception {
        return chat.onTcp(tcp, chat.signUp(name), 1);
    }

    private static String name(String base) {
        return chat.name(base);
    }

    static String uploadImage(String token) throws Exception {
        BufferedImage img = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        String boundary = "b" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"authToken\"\r\n\r\n" + token + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pic.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(png.toByteArray());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + apiPort + "/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode env = Json.MAPPER.readTree(r.body());
        assertEquals(0, env.path("code").asInt(), r.body());
        return env.path("data").path("fileId").asText();
    }

    @Test
    void typedMessagesTypingReadsAndRecallTravelBetweenAWebSocketAndATcpUser() throws Exception {
        User alice = wsUser(name("mf-alice"));
        User bob = tcpUser(name("mf-bob"));
        String fileId = uploadImage(alice.token());

        alice.send("{\"op\":40,\"toUserId\":\"" + bob.id() + "\",\"type\":\"image\",\"body\":{\"fileId\":\"" + fileId
                + "\"},\"ref\":\"r1\"}");
        JsonNode ack = alice.inbox().await(WAIT, "the send's answer", n -> n.path("op").asInt() == 40
                && "r1".equals(n.path("ref").asText()));
        assertEquals(0, ack.path("code").asInt(), ack.toString());
        String imageId = ack.path("msgId").asText();
        JsonNode image = bob.inbox().await(WAIT, "alice's image", n -> n.path("op").asInt() == 2
                && "image".equals(n.path("type").asText()));
        assertEquals(imageId, image.path("msgId").asText());
        assertEquals(fileId, image.path("body").path("fileId").asText());
        assertEquals(320, image.path("body").path("width").asInt());
        assertEquals("[image]", image.path("msg").asText());
        assertEquals(alice.id(), image.path("fromUserId").asLong());

        bob.send("{\"op\":40,\"toUserId\":" + alice.id() + ",\"type\":\"location\",\"body\":{\"lat\":52.52,\"lng\":13.40,"
                + "\"label\":\"Berlin\"}}");
        JsonNode location = alice.inbox().await(WAIT, "bob's location", n -> "location".equals(n.path("type").asText()));
        assertEquals(13.40, location.path("body").path("lng").asDouble());

        bob.send("{\"op\":40,\"toUserId\":" + alice.id() + ",\"type\":\"link\",\"body\":{\"url\":\"javascript:x\"},\"ref\":7}");
        JsonNode refused = bob.inbox().await(WAIT, "a refusal", n -> n.path("code").asInt() == 1 && n.path("ref").asInt() == 7);
        assertEquals("body.url must be an http or https URL", refused.path("msg").asText());

        bob.send("{\"op\":42,\"toUserId\":" + alice.id() + ",\"typing\":true}");
        JsonNode typing = alice.inbox().await(WAIT, "bob typing", op(42));
        assertEquals(bob.id(), typing.path("fromUserId").asLong());
        assertTrue(typing.path("typing").asBoolean());

        bob.send("{\"op\":43,\"withUserId\":" + alice.id() + ",\"upToId\":\"" + imageId + "\"}");
        JsonNode read = alice.inbox().await(WAIT, "bob read the image", op(43));
        assertEquals(imageId, read.path("upToId").asText());
        assertEquals(bob.id(), read.path("fromUserId").asLong());

        bob.send("{\"op\":41,\"msgId\":\"" + imageId + "\"}");
        JsonNode notHis = bob.inbox().await(WAIT, "bob's recall refused", n -> n.path("op").asInt() == 41 && n.path("code").asInt() == 1);
        assertTrue(notHis.path("msg").asText().contains("of yours to recall"), notHis.toString());

        alice.send("{\"op\":41,\"msgId\":\"" + imageId + "\"}");
        JsonNode recall = bob.inbox().await(WAIT, "the recall event", n -> n.path("op").asInt() == 41 && n.has("recalledId"));
        assertEquals(imageId, recall.path("recalledId").asText());
        JsonNode history = api.post("/history/private", "authToken", bob.token(), "withUserId", alice.id());
        JsonNode tomb = history.path("data").get(0);
        assertEquals("recalled", tomb.path("type").asText());
        assertFalse(tomb.has("body"));
    }

    @Test
    void anOfflineRecipientGetsTheRecallAndNeverTheContentOnConnect() throws Exception {
        User alice = wsUser(name("mf-alice"));
        String carolName = name("mf-carol");
        String carolToken = api.token(carolName);
        long carolId = api.userId(carolToken);
        JsonNode sent = api.post("/message/send", "authToken", alice.token(), "toUserId", carolId, "type", "text",
                "body", java.util.Map.of("text", "meant for someone else"));
        String msgId = sent.path("data").path("msgId").asText();
        assertEquals(0, api.post("/message/recall", "authToken", alice.token(), "msgId", msgId).path("code").asInt());

        WsTestClient c = new WsTestClient(ws.port());
        chat.track(c);
        c.send("{\"authToken\":\"" + carolToken + "\",\"roomId\":0,\"acks\":true}");
        Inbox carol = new Inbox(carolName, c.frames());
        JsonNode recall = carol.await(WAIT, "the recall, replayed on connect", op(41));
        assertEquals(msgId, recall.path("recalledId").asText());
        assertTrue(carol.received(n -> n.toString().contains("meant for someone else")).isEmpty(),
                "the recalled content never reaches carol");
    }

    @Test
    void everyTypeGoesFromAWebSocketUserToATcpUserAndBack() throws Exception {
        User alice = wsUser(name("mf-alice"));
        User bob = tcpUser(name("mf-bob"));
        String fileId = uploadImage(alice.token());
        String[][] cases = {
            {"text", "{\"text\":\"plain typed text\"}"},
            {"image", "{\"fileId\":\"" + fileId + "\"}"},
            {"voice", "{\"url\":\"https://example.com/v.ogg\",\"durationMs\":4000}"},
            {"video", "{\"url\":\"https://example.com/v.mp4\",\"durationMs\":9000,\"width\":640,\"height\":360}"},
            {"file", "{\"url\":\"https://example.com/f.pdf\",\"name\":\"f.pdf\"}"},
            {"emoji", "{\"code\":\"🎉\"}"},
            {"link", "{\"url\":\"https://example.com/\",\"title\":\"Example\",\"description\":\"d\"}"},
            {"location", "{\"lat\":-33.86,\"lng\":151.21,\"label\":\"Sydney\"}"},
            {"contact", "{\"userId\":\"" + alice.id() + "\",\"userName\":\"" + alice.name() + "\"}"},
            {"article", "{\"title\":\"News\",\"summary\":\"s\",\"url\":\"https://example.com/n\"}"},
            {"custom", "{\"kind\":\"poll\",\"options\":[\"a\",\"b\"]}"},
        };
        for (String[] c : cases) {
            alice.send("{\"op\":40,\"toUserId\":" + bob.id() + ",\"type\":\"" + c[0] + "\",\"body\":" + c[1] + "}");
            JsonNode got = bob.inbox().await(WAIT, "a " + c[0] + " message over TCP", n -> n.path("op").asInt() == 2
                    && c[0].equals(n.path("type").asText()));
            JsonNode sent = Json.MAPPER.readTree(c[1]);
            sent.fieldNames().forEachRemaining(f -> assertEquals(sent.get(f).asText(), got.path("body").path(f).asText(),
                    c[0] + " body." + f));
            bob.send("{\"op\":40,\"toUserId\":" + alice.id() + ",\"type\":\"" + c[0] + "\",\"body\":" + (c[0].equals("image")
                    ? "{\"url\":\"https://example.com/i.png\"}" : c[1]) + "}");
            alice.inbox().await(WAIT, "a " + c[0] + " message over WebSocket", n -> n.path("op").asInt() == 2
                    && c[0].equals(n.path("type").asText()) && n.path("fromUserId").asLong() == bob.id());
        }
    }
}
