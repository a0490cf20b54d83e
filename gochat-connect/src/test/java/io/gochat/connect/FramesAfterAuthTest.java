package io.gochat.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gochat.connect.transport.Transport;
import io.gochat.protocol.TcpFrames;
import io.gochat.protocol.service.PushRequest;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #17: a client that writes its auth frame and its first messages in one write (one TCP segment)
 * gets them all processed, in order, once the token is accepted; gochat delivers them too. The test holds
 * logic's answer to the auth so the messages surely arrive while authentication is pending.
 */
class FramesAfterAuthTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();

    static final Duration WAIT = Duration.ofSeconds(5);
    static TestCluster cluster;
    static ConnectServer ws;
    static ConnectServer tcp;

    @BeforeAll
    static void startCluster() {
        cluster = new TestCluster(etcd.endpoints());
        ws = cluster.start(Transport.WS, cluster.base());
        tcp = cluster.start(Transport.TCP, cluster.base());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A token whose connect answer waits for the test. */
    static CompletableFuture<SessionInfo> heldToken(String token) {
        CompletableFuture<SessionInfo> answer = new CompletableFuture<>();
        cluster.logic.held.put(token, answer);
        return answer;
    }

    static List<String> pushedBy(long userId) {
        return cluster.logic.pushes.stream().filter(p -> p.fromUserId() == userId).map(PushRequest::msg).toList();
    }

    @Test
    void aTcpJoinFrameAndRoomMessagesInOneSegmentAreAllDeliveredInOrder() throws Exception {
        CompletableFuture<SessionInfo> answer = heldToken("tcp-one-segment");
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.write(TcpFrames.encode("{\"op\":6,\"authToken\":\"tcp-one-segment\",\"roomId\":41}"));
        segment.write(TcpFrames.encode("{\"op\":3,\"authToken\":\"tcp-one-segment\",\"roomId\":41,\"msg\":\"first\"}"));
        segment.write(TcpFrames.encode("{\"op\":3,\"authToken\":\"tcp-one-segment\",\"roomId\":41,\"msg\":\"second\"}"));
        try (TcpTestClient client = new TcpTestClient(tcp.port())) {
            client.sendRaw(segment.toByteArray());
            Eventually.await(WAIT, "the auth reached logic", () -> !cluster.logic.connectsWith("tcp-one-segment").isEmpty());
            answer.complete(new SessionInfo(4101, "tina"));
            Eventually.await(WAIT, "both messages reached logic", () -> pushedBy(4101).size() == 2);
            assertEquals(List.of("first", "second"), pushedBy(4101));
            assertNull(client.next(Duration.ofMillis(300)), "no error frame (no 'authentication in progress')");
            assertEquals(1, tcp.buckets().roomCount(41));
        }
    }

    @Test
    void aWebSocketAuthFrameAndMessagesInOneSegmentAreAllDeliveredInOrder() throws Exception {
        CompletableFuture<SessionInfo> answer = heldToken("ws-one-segment");
        try (RawWsClient client = new RawWsClient(ws.port())) {
            client.sendTexts("{\"authToken\":\"ws-one-segment\",\"roomId\":42}",
                    "{\"op\":3,\"msg\":\"uno\"}", "{\"op\":2,\"toUserId\":\"9\",\"msg\":\"dos\"}");
            Eventually.await(WAIT, "the auth reached logic", () -> !cluster.logic.connectsWith("ws-one-segment").isEmpty());
            answer.complete(new SessionInfo(4201, "wes"));
            Eventually.await(WAIT, "both messages reached logic", () -> pushedBy(4201).size() == 2);
            assertEquals(List.of("uno", "dos"), pushedBy(4201));
            assertEquals(1, ws.buckets().roomCount(42));
        }
    }
}
