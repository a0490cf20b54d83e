package io.gochat.connect.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.connect.ConnectServer;
import io.gochat.connect.TcpTestClient;
import io.gochat.connect.TestCluster;
import io.gochat.connect.WsTestClient;
import io.gochat.connect.transport.Transport;
import io.gochat.core.config.GochatConfig;
import io.gochat.protocol.TcpFrames;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.SessionTokens;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.SelfSignedPem;
import io.netty.channel.Channel;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Sessions that end, device and IP limits, the Origin check and TLS, on real connect servers over real sockets. */
class ConnectSecurityTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @TempDir
    static Path dir;

    static final Duration WAIT = Duration.ofSeconds(5);
    static final AtomicLong ids = new AtomicLong(5000);
    static TestCluster cluster;
    static ConnectServer ws;
    static ConnectServer tcp;
    static ConnectServer limitedTcp;
    static SelfSignedPem pem;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(etcd.endpoints());
        GochatConfig base = cluster.base().with("connect.maxPerUser", 2);
        ws = cluster.start(Transport.WS, base);
        tcp = cluster.start(Transport.TCP, base);
        limitedTcp = cluster.start(Transport.TCP, cluster.base().with("connect.maxPerIp", 2)
                .with("limit.socket.ip", "2/1m")
                .with("connect.auth.timeout", "20s"));   // its unauthenticated second connection must outlive a loaded machine
        pem = SelfSignedPem.create(dir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static long newId() {
        return ids.incrementAndGet();
    }

    static String user(long id) {
        String token = "tok-" + id + "-" + newId();
        cluster.logic.user(token, id, "u" + id);
        return token;
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpires() throws Exception {
        long id = newId();
        String token = "expiring-" + id;
        cluster.logic.expiringUser(token, id, "u" + id, System.currentTimeMillis() + 1500);
        try (WsTestClient client = new WsTestClient(ws.port()).auth(token, 1);
             TcpTestClient tcpClient = new TcpTestClient(tcp.port()).auth(token, 1)) {
            assertEquals("{\"code\":40000,\"msg\":\"Session error: token expired\"}", client.next(WAIT));
            assertEquals("{\"code\":40000,\"msg\":\"Session error: token expired\"}", tcpClient.next(WAIT));
            Eventually.await(WAIT, "expired sockets closed", () -> client.closed() && tcpClient.closedByServer());
        }
    }

    @Test
    void aLogoutWhileTheSocketIsStillAuthenticatingClosesItWhenTheAnswerArrives() throws Exception {
        long id = newId();
        String token = "slow-" + id;
        CompletableFuture<SessionInfo> answer = new CompletableFuture<>();
        cluster.logic.held.put(token, answer);
        try (WsTestClient client = new WsTestClient(ws.port()).auth(token, 1)) {
            Eventually.await(WAIT, "auth on its way to logic", () -> !cluster.logic.connectsWith(token).isEmpty());
            ConnectService service = cluster.connectService(ws);
            assertEquals(0, service.closeSession(id, SessionTokens.hash(token)).join(), "nothing joined yet");
            answer.complete(new SessionInfo(id, "u" + id));   // logic had said yes just before the logout
            assertEquals("{\"code\":40000,\"msg\":\"Session error: logged out\"}", client.next(WAIT));
            Eventually.await(WAIT, "socket closed", client::closed);
            assertEquals(0, ws.buckets().userChannels(id));
            Eventually.await(WAIT, "logic told the connection is gone", () -> !cluster.logic.disconnectsOf(id).isEmpty());
        }
    }

    @Test
    void aPasswordChangeOrDeletedUserClosesEverySocketOfTheUser() throws Exception {
        long id = newId();
        try (WsTestClient a = new WsTestClient(ws.port()).auth(user(id), 1);
             TcpTestClient b = new TcpTestClient(tcp.port()).auth(user(id), 1)) {
            Eventually.await(WAIT, "both joined", () -> ws.buckets().userChannels(id) == 1
                    && tcp.buckets().userChannels(id) == 1);
            assertEquals(1, cluster.connectService(ws).closeUser(id, "password changed").join());
            assertEquals(1, cluster.connectService(tcp).closeUser(id, "account deleted").join());
            assertEquals("{\"code\":40000,\"msg\":\"Session error: password changed\"}", a.next(WAIT));
            assertEquals("{\"code\":40000,\"msg\":\"Session error: account deleted\"}", b.next(WAIT));
            Eventually.await(WAIT, "both closed", () -> a.closed() && b.closedByServer());
        }
    }

    @Test
    void aThirdDeviceClosesTheOldestConnectionWithANotice() throws Exception {
        long id = newId();
        try (WsTestClient first = new WsTestClient(ws.port()).auth(user(id), 1)) {
            Eventually.await(WAIT, "first joined", () -> ws.buckets().userChannels(id) == 1);
            try (WsTestClient second = new WsTestClient(ws.port()).auth(user(id), 1)) {
                Eventually.await(WAIT, "second joined", () -> ws.buckets().userChannels(id) == 2);
                try (WsTestClient third = new WsTestClient(ws.port()).auth(user(id), 1)) {
                    String notice = first.next(WAIT);
                    assertTrue(notice != null && notice.contains("more than 2 connections"), String.valueOf(notice));
                    Eventually.await(WAIT, "the oldest closed", first::closed);
                    Eventually.await(WAIT, "two left", () -> ws.buckets().userChannels(id) == 2);
                    assertFalse(second.closed());
                    assertFalse(third.closed());
                }
            }
        }
    }

    @Test
    void connectionsPerIpAreCappedAndSocketSendsPerIpAreLimited() throws Exception {
        long id = newId();
        try (TcpTestClient one = new TcpTestClient(limitedTcp.port()).auth(user(id), 1);
             TcpTestClient two = new TcpTestClient(limitedTcp.port())) {
            Eventually.await(WAIT, "one joined", () -> limitedTcp.buckets().userChannels(id) == 1);
            try (TcpTestClient three = new TcpTestClient(limitedTcp.port())) {
                Eventually.await(WAIT, "the third connection from this IP is closed at once", three::closedByServer);
            }
            assertFalse(two.closedByServer());
            for (int i = 0; i < 3; i++) {
                one.send("{\"op\":3,\"msg\":\"m" + i + "\"}");
            }
            String limited = one.next(WAIT);
            assertTrue(limited != null && limited.matches("\\{\"code\":1,\"msg\":\"too many requests, retry in \\d+ s\"}"),
                    String.valueOf(limited));
            Eventually.await(WAIT, "two messages went to logic", () -> cluster.logic.pushes.stream()
                    .filter(p -> p.fromUserId() == id).count() == 2);
        }
    }

    @Test
    void aPageFromAnotherSiteCannotOpenAWebSocketButTheSitesOwnPagesAndNonBrowsersCan() throws Exception {
        assertTrue(handshake(ws.port(), "http://evil.example").startsWith("HTTP/1.1 403"));
        assertTrue(handshake(ws.port(), "http://127.0.0.1:8080").startsWith("HTTP/1.1 101"), "the site's page");
        assertTrue(handshake(ws.port(), null).startsWith("HTTP/1.1 101"), "no Origin: not a browser page");
    }

    static String handshake(int port, String origin) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        }
    }

    @Test
    void replayingUnackedMessagesStopsWhileTheClientDoesNotRead() throws Exception {
        long id = newId();
        List<String> bodies = new ArrayList<>();
        String pad = "x".repeat(14_000);   // 7 MB in all (Dubbo carries up to 8): more than a small socket takes
        for (int i = 1; i <= 500; i++) {
            bodies.add("{\"msgId\":" + i + ",\"msg\":\"" + pad + "\"}");
        }
        cluster.logic.unackedBodies.addAll(bodies);
        try (Socket idle = new Socket()) {
            idle.setReceiveBufferSize(64 * 1024);   // before connecting, so the peer sees a small window
            idle.connect(new java.net.InetSocketAddress("127.0.0.1", tcp.port()));
            OutputStream out = idle.getOutputStream();
            out.write(TcpFrames.encode("{\"op\":6,\"authToken\":\"" + user(id) + "\",\"roomId\":1}"));
            Eventually.await(WAIT, "joined", () -> tcp.buckets().userChannels(id) == 1);
            List<Channel> channels = new ArrayList<>();
            tcp.buckets().forEachOfUser(id, m -> channels.add(m.channel()));
            Channel ch = channels.get(0);
            Eventually.await(WAIT, "the replay paused", () -> !ch.isWritable());
            long pending = ch.unsafe().outboundBuffer() == null ? 0 : ch.unsafe().outboundBuffer().totalPendingWriteBytes();
            assertTrue(pending < 1_000_000, "at most about one write buffer queued, not megabytes: " + pending);
            out.write(TcpFrames.encode("{\"op\":7,\"msgId\":\"1\"}"));   // any frame keeps the idle timer away
            // now read everything: every message arrives, in order
            DataInputStream in = new DataInputStream(idle.getInputStream());
            idle.setSoTimeout(10_000);
            int got = 0;
            while (got < 500) {
                byte[] header = new byte[4];
                in.readFully(header);
                byte[] payload = new byte[(((header[2] & 0xff) << 8) | (header[3] & 0xff)) - 4];
                in.readFully(payload);
                String text = new String(payload, StandardCharsets.UTF_8);
                if (!TcpFrames.isHeartbeat(text)) {
                    got++;
                    assertTrue(text.startsWith("{\"msgId\":" + got + ","), "in order: " + text.substring(0, 20));
                }
            }
        } finally {
            cluster.logic.unackedBodies.removeAll(bodies);
        }
    }

    @Test
    void tlsCarriesWssAndTheTcpProtocolFromPemFiles() throws Exception {
        GochatConfig tls = cluster.base().with("tls.cert", pem.cert().toString()).with("tls.key", pem.key().toString());
        ConnectServer secureWs = cluster.start(Transport.WS, tls);
        ConnectServer secureTcp = cluster.start(Transport.TCP, tls);
        long id = newId();
        String token = user(id);

        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newBuilder().sslContext(pem.clientContext()).build().newWebSocketBuilder()
                .buildAsync(URI.create("wss://127.0.0.1:" + secureWs.port() + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        frames.add(data.toString());
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"authToken\":\"" + token + "\",\"roomId\":7}", true).join();
        Eventually.await(WAIT, "joined over wss", () -> secureWs.buckets().userChannels(id) == 1);
        cluster.connectService(secureWs).deliver(List.of(io.gochat.protocol.service.Delivery.toUser(id, "{\"msg\":\"over tls\"}"))).join();
        assertEquals("{\"msg\":\"over tls\"}", frames.poll(5, TimeUnit.SECONDS));
        socket.abort();

        try (SSLSocket s = (SSLSocket) pem.clientContext().getSocketFactory().createSocket("127.0.0.1", secureTcp.port())) {
            s.startHandshake();
            s.getOutputStream().write(TcpFrames.encode("{\"op\":6,\"authToken\":\"" + token + "\",\"roomId\":7}"));
            s.getOutputStream().flush();
            Eventually.await(WAIT, "joined over TLS", () -> secureTcp.buckets().userChannels(id) == 1);
            cluster.connectService(secureTcp).deliver(List.of(io.gochat.protocol.service.Delivery.toUser(id, "{\"msg\":\"tcp tls\"}"))).join();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] header = new byte[4];
            in.readFully(header);
            byte[] payload = new byte[(((header[2] & 0xff) << 8) | (header[3] & 0xff)) - 4];
            in.readFully(payload);
            assertEquals("{\"msg\":\"tcp tls\"}", new String(payload, StandardCharsets.UTF_8));
        }
        try (TcpTestClient plain = new TcpTestClient(secureTcp.port()).auth(token, 7)) {
            Eventually.await(WAIT, "a plain-text client gets nowhere", plain::closedByServer);
            assertNull(plain.next(Duration.ofMillis(100)));
        }
    }
}
