package io.gochat.api;

import static io.gochat.api.HttpJson.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.json.Json;
import io.gochat.logic.LogicServer;
import io.gochat.logic.TestLogic;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** /message/*, POST /upload and GET /file/{id} against a real logic server (etcd, Redis, sqlite, blob dir). */
class ApiMessagesTest {
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
        GochatConfig config = ApiCluster.config(etcd.endpoints(), redis.url(), dir)
                .with("blob.dir", dir.resolve("blobs").toString())
                .with("upload.maxKb.file", 100)
                .with("file.linkTtl", "2s");
        logic = TestLogic.start(config);
        api = ApiCluster.startApi(config);
        http = new HttpJson(api.port());
        Eventually.await(Duration.ofSeconds(10), "api sees logic's MessageService",
                () -> http.post("/message/recall", json("authToken", "x", "msgId", "1")).get("code").asInt() == 40000);
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

    record User(String token, long id) {
    }

    static User user(String name) {
        JsonNode r = http.post("/user/register", json("userName", name, "passWord", "pw"));
        assertEquals(0, r.get("code").asInt(), r.toString());
        String token = r.get("data").asText();
        long id = http.post("/user/checkAuth", json("authToken", token)).get("data").get("userId").asLong();
        return new User(token, id);
    }

    static HttpResponse<String> upload(String token, String fileName, String declaredType, byte[] data) {
        String boundary = "----gochat" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (token != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"authToken\"\r\n\r\n" + token
                        + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(data);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return http.send(http.request("/upload").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    static JsonNode env(HttpResponse<String> r) {
        return HttpJson.envelope(r);
    }

    static HttpResponse<byte[]> download(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(http.request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] pdf(int size) {
        byte[] b = new byte[size];
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        for (int i = head.length; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    @Test
    void aFileIsUploadedSentAndDownloadedOnlyByTheConversationsUsers() {
        User alice = user("am-alice");
        User bob = user("am-bob");
        User eve = user("am-eve");
        byte[] data = pdf(20_000);
        JsonNode up = env(upload(alice.token(), "plan.exe", "application/x-msdownload", data));
        assertEquals(0, up.get("code").asInt(), up.toString());
        String fileId = up.path("data").path("fileId").asText();
        assertEquals("application/pdf", up.path("data").path("mime").asText(), "sniffed, not declared");
        assertEquals("/file/" + fileId, up.path("data").path("url").asText());

        JsonNode sent = http.post("/message/send", Json.write(Map.of("authToken", alice.token(), "toUserId",
                Long.toString(bob.id()), "type", "file", "body", Map.of("fileId", fileId))));
        assertEquals(0, sent.get("code").asInt(), sent.toString());
        assertTrue(sent.path("data").path("msgId").isTextual(), "ids are strings for JavaScript");

        HttpResponse<byte[]> bobs = download("/file/" + fileId + "?authToken=" + bob.token());
        assertEquals(200, bobs.statusCode());
        assertArrayEquals(data, bobs.body());
        assertEquals("application/pdf", bobs.headers().firstValue("content-type").orElse(""));
        assertEquals("nosniff", bobs.headers().firstValue("x-content-type-options").orElse(""));
        assertTrue(bobs.headers().firstValue("content-disposition").orElse("").startsWith("attachment"));

        HttpResponse<byte[]> eves = download("/file/" + fileId + "?authToken=" + eve.token());
        assertEquals(403, eves.statusCode(), "a stranger is refused: " + new String(eves.body(), StandardCharsets.UTF_8));
        assertTrue(new String(eves.body(), StandardCharsets.UTF_8).contains("that you may see"));
        assertEquals(401, download("/file/" + fileId).statusCode(), "no token");
        assertEquals(401, download("/file/" + fileId + "?authToken=forged").statusCode());
        HttpResponse<byte[]> bearer = java.util.Objects.requireNonNull(bearerDownload(fileId, alice.token()));
        assertEquals(200, bearer.statusCode(), "the uploader, with an Authorization header");

        JsonNode history = http.post("/history/private", json("authToken", bob.token(), "withUserId", alice.id()));
        JsonNode m = history.path("data").get(0);
        assertEquals("file", m.path("type").asText());
        assertEquals("plan.exe", m.path("body").path("name").asText());
        assertEquals("[file]", m.path("msg").asText());
    }

    static HttpResponse<byte[]> bearerDownload(String fileId, String token) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(http.request("/file/" + fileId)
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void oversizedDisguisedAndUnauthenticatedUploadsAreRefused() {
        User alice = user("am-alice2");
        JsonNode big = env(upload(alice.token(), "big.pdf", "application/pdf", pdf(150_000)));
        assertEquals(1, big.get("code").asInt());
        assertTrue(big.get("message").asText().startsWith("file files may be at most 102400 bytes"), big.toString());

        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        JsonNode disguised = env(upload(alice.token(), "cat.jpg", "image/jpeg", exe));
        assertEquals(1, disguised.get("code").asInt());
        assertTrue(disguised.get("message").asText().startsWith("executable files are refused"), disguised.toString());

        assertEquals(40000, env(upload(null, "a.pdf", "application/pdf", pdf(100))).get("code").asInt());
        assertEquals(40000, env(upload("forged", "a.pdf", "application/pdf", pdf(100))).get("code").asInt());
        JsonNode huge = env(upload(alice.token(), "huge.bin", "application/octet-stream", new byte[8 * 1024 * 1024]));
        assertEquals(1, huge.get("code").asInt(), "above what the api takes at all");
        JsonNode notMultipart = http.post("/upload", json("authToken", alice.token()));
        assertEquals(1, notMultipart.get("code").asInt());
    }

    @Test
    void typedSendRecallTypingAndReadOverHttpCheckFieldsAndRules() {
        User alice = user("am-alice3");
        User bob = user("am-bob3");
        JsonNode bad = http.post("/message/send", Json.write(Map.of("authToken", alice.token(), "toUserId",
                bob.id(), "type", "link", "body", Map.of("url", "javascript:alert(1)"))));
        assertEquals(1, bad.get("code").asInt());
        assertEquals("body.url must be an http or https URL", bad.get("message").asText());
        assertEquals(1, http.post("/message/send", json("authToken", alice.token(), "toUserId", bob.id(), "type",
                "text", "body", "hi")).get("code").asInt(), "body must be an object");
        assertEquals(40000, http.post("/message/send", Json.write(Map.of("authToken", "forged", "toUserId", bob.id(),
                "type", "text", "body", Map.of("text", "x")))).get("code").asInt());

        JsonNode sent = http.post("/message/send", Json.write(Map.of("authToken", alice.token(), "toUserId", bob.id(),
                "type", "text", "body", Map.of("text", "to recall"))));
        String msgId = sent.path("data").path("msgId").asText();
        assertEquals(1, http.post("/message/recall", json("authToken", bob.token(), "msgId", msgId)).get("code").asInt(),
                "bob cannot recall alice's message");
        assertEquals(0, http.post("/message/read", json("authToken", bob.token(), "withUserId", alice.id(), "upToId", msgId))
                .get("code").asInt());
        assertEquals(0, http.post("/message/recall", json("authToken", alice.token(), "msgId", msgId)).get("code").asInt());
        JsonNode history = http.post("/history/private", json("authToken", bob.token(), "withUserId", alice.id()));
        assertEquals("recalled", history.path("data").get(0).path("type").asText());
        assertEquals(0, http.post("/message/typing", json("authToken", alice.token(), "toUserId", bob.id(), "typing", true))
                .get("code").asInt());
        assertEquals("msgId must be a message id", http.post("/message/recall", json("authToken", alice.token(),
                "msgId", "x")).get("message").asText());
    }

    @Test
    void theConversationListCountsUnreadUntilReadAndKeepsPins() {
        User alice = user("am-alice4");
        User bob = user("am-bob4");
        JsonNode sent = http.post("/message/send", Json.write(Map.of("authToken", alice.token(), "toUserId", bob.id(),
                "type", "text", "body", Map.of("text", "unread one"))));
        JsonNode list = http.post("/conversation/list", json("authToken", bob.token()));
        assertEquals(0, list.get("code").asInt(), list.toString());
        JsonNode entry = list.path("data").get(0);
        assertEquals(String.valueOf(alice.id()), entry.path("withUserId").asText());
        assertEquals("am-alice4", entry.path("withUserName").asText());
        assertEquals(1, entry.path("unread").asInt());
        assertEquals("unread one", entry.path("lastMessage").path("body").path("text").asText());
        http.post("/message/read", json("authToken", bob.token(), "withUserId", alice.id(), "upToId",
                sent.path("data").path("msgId").asText()));
        assertEquals(0, http.post("/conversation/list", json("authToken", bob.token())).path("data").get(0).path("unread").asInt());
        assertEquals(0, http.post("/conversation/update", json("authToken", bob.token(), "withUserId", alice.id(),
                "pinned", true, "draft", "later")).get("code").asInt());
        JsonNode pinned = http.post("/conversation/list", json("authToken", bob.token())).path("data").get(0);
        assertTrue(pinned.path("pinned").asBoolean());
        assertEquals("later", pinned.path("draft").asText());
        assertEquals("pinned must be true or false", http.post("/conversation/update", json("authToken", bob.token(),
                "withUserId", alice.id(), "pinned", "yes")).get("message").asText());
        assertEquals(40000, http.post("/conversation/list", json("authToken", "forged")).get("code").asInt());
    }

    @Test
    void theMessagesUploadAndFileRoutesShareThePerIpLimitOfPushes() {
        User alice = user("am-alice5");
        ApiServer limitedApi = ApiCluster.startApi(ApiCluster.config(etcd.endpoints(), redis.url(), dir)
                .with("limit.push.ip", "3/1m"));
        try {
            HttpJson limited = new HttpJson(limitedApi.port());
            Eventually.await(Duration.ofSeconds(10), "the second api sees logic", () -> limited.post("/user/checkAuth",
                    json("authToken", alice.token())).get("code").asInt() == 0);
            for (int i = 0; i < 3; i++) {
                limited.post("/message/typing", json("authToken", alice.token(), "toUserId", "999999", "typing", true));
            }
            JsonNode refused = limited.post("/conversation/list", json("authToken", alice.token()));
            assertTrue(refused.get("message").asText().startsWith("too many requests"), refused.toString());
            HttpResponse<String> file = limited.send(limited.request("/file/0123456789abcdef0123456789abcdef?authToken="
                    + alice.token()).GET());
            assertTrue(file.body().contains("too many requests"), "downloads count too: " + file.body());
        } finally {
            limitedApi.close();
        }
    }

    @Test
    void aGroupGetsTypedMessagesOnceReadCountsAListEntryAndItsFilesForMembersOnly() {
        User alice = user("am-galice");
        User bob = user("am-gbob");
        User eve = user("am-geve");
        JsonNode created = http.post("/group/create", json("authToken", alice.token(), "name", "Plans", "joinPolicy", "open"));
        assertEquals(0, created.get("code").asInt(), created.toString());
        String groupId = created.path("data").path("groupId").asText();
        assertEquals(0, http.post("/group/join", json("authToken", bob.token(), "groupId", groupId)).get("code").asInt());
        String fileId = env(upload(alice.token(), "plan.pdf", "application/pdf", pdf(5_000))).path("data").path("fileId").asText();

        String send = Json.write(Map.of("authToken", alice.token(), "groupId", groupId, "type", "file",
                "body", Map.of("fileId", fileId), "clientMsgId", "g-1"));
        JsonNode sent = http.post("/message/send", send);
        assertEquals(0, sent.get("code").asInt(), sent.toString());
        String msgId = sent.path("data").path("msgId").asText();
        assertEquals(msgId, http.post("/message/send", send).path("data").path("msgId").asText(),
                "a retry is answered with the first id");
        JsonNode history = http.post("/group/history", json("authToken", bob.token(), "groupId", groupId));
        java.util.List<JsonNode> messages = new java.util.ArrayList<>();
        history.path("data").forEach(m -> {
            if (m.path("op").asInt() == 30) {
                messages.add(m);
            }
        });
        assertEquals(1, messages.size(), "and stored once: " + history);
        assertEquals("file", messages.get(0).path("type").asText());

        assertEquals(200, download("/file/" + fileId + "?authToken=" + bob.token()).statusCode(), "a member");
        assertEquals(403, download("/file/" + fileId + "?authToken=" + eve.token()).statusCode(), "a stranger");

        JsonNode list = http.post("/conversation/list", json("authToken", bob.token()));
        JsonNode entry = list.path("data").get(0);
        assertEquals("g:" + groupId, entry.path("conversation").asText(), list.toString());
        assertEquals(groupId, entry.path("groupId").asText());
        assertEquals("Plans", entry.path("groupName").asText());
        assertEquals(1, entry.path("unread").asInt());

        assertEquals(0, http.post("/message/read", json("authToken", bob.token(), "groupId", groupId, "upToId", msgId))
                .get("code").asInt());
        assertEquals(0, http.post("/conversation/list", json("authToken", bob.token())).path("data").get(0).path("unread").asInt());
        JsonNode readers = http.post("/message/readers", json("authToken", alice.token(), "msgId", msgId));
        assertEquals(0, readers.get("code").asInt(), readers.toString());
        JsonNode read = readers.path("data").path("reads").get(0);
        assertEquals(1, read.path("readCount").asInt());
        assertEquals(String.valueOf(bob.id()), read.path("readers").get(0).path("userId").asText());
        assertEquals(1, http.post("/message/readers", json("authToken", bob.token(), "msgId", msgId)).get("code").asInt(),
                "only the sender");
        JsonNode counts = http.post("/message/readCounts", Json.write(Map.of("authToken", alice.token(), "groupId", groupId,
                "msgIds", java.util.List.of(msgId))));
        assertEquals(1, counts.path("data").path("reads").get(0).path("readCount").asInt(), counts.toString());
        assertEquals(1, http.post("/message/readCounts", json("authToken", alice.token(), "groupId", groupId))
                .get("code").asInt(), "msgIds is required");

        JsonNode pin = http.post("/conversation/update", Json.write(Map.of("authToken", bob.token(), "groupId", groupId,
                "pinned", true)));
        assertEquals(0, pin.get("code").asInt(), pin.toString());
        assertTrue(http.post("/conversation/list", json("authToken", bob.token())).path("data").get(0).path("pinned").asBoolean());

        assertEquals(0, http.post("/group/leave", json("authToken", bob.token(), "groupId", groupId)).get("code").asInt());
        assertEquals(403, download("/file/" + fileId + "?authToken=" + bob.token()).statusCode(), "a member who left");
    }

    @Test
    void aSignedLinkServesTheFileWithoutATokenUntilItExpiresAndOnlyAsSigned() throws Exception {
        User alice = user("am-lalice");
        User bob = user("am-lbob");
        User eve = user("am-leve");
        byte[] data = pdf(3_000);
        String fileId = env(upload(alice.token(), "link.pdf", "application/pdf", data)).path("data").path("fileId").asText();
        http.post("/message/send", Json.write(Map.of("authToken", alice.token(), "toUserId", Long.toString(bob.id()),
                "type", "file", "body", Map.of("fileId", fileId))));
        JsonNode link = http.post("/file/link", json("authToken", bob.token(), "fileId", fileId));
        assertEquals(0, link.get("code").asInt(), link.toString());
        String url = link.path("data").path("url").asText();
        assertTrue(url.startsWith("/file/" + fileId + "?exp="), url);
        assertTrue(!url.contains(bob.token()), "no token in the URL");
        HttpResponse<byte[]> got = download(url);
        assertEquals(200, got.statusCode());
        assertArrayEquals(data, got.body());

        assertEquals(1, http.post("/file/link", json("authToken", eve.token(), "fileId", fileId)).get("code").asInt(),
                "a stranger gets no link");
        assertEquals(40000, http.post("/file/link", json("authToken", "forged", "fileId", fileId)).get("code").asInt());
        assertEquals(403, download(url.replace("sig=", "sig=x")).statusCode(), "a forged signature");
        assertEquals(403, download(url + "&thumb=1").statusCode(), "the thumbnail is another link");
        String later = url.replaceFirst("exp=(\\d+)", "exp=9999999999");
        assertEquals(403, download(later).statusCode(), "an expiry pushed later");
        long expiresAt = link.path("data").path("expiresAt").asLong();
        io.gochat.testkit.Eventually.await(Duration.ofSeconds(10), "the link's expiry has passed",
                () -> System.currentTimeMillis() / 1000 > expiresAt);
        HttpResponse<byte[]> expired = download(url);
        assertEquals(403, expired.statusCode());
        assertTrue(new String(expired.body(), StandardCharsets.UTF_8).contains("expired"));
    }
}
