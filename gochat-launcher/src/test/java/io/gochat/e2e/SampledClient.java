package io.gochat.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.json.Json;
import io.gochat.protocol.TcpFrames;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One user's socket (WebSocket or gochat TCP) as a careful app keeps it: it authenticates with {@code "acks":true},
 * learns that it is authenticated from the answer to an empty ack (protocol.md, "Writing a client"), acks each
 * private message, and when the connection fails it reconnects (its home endpoint first, then the others),
 * logging in again when its token was refused. Every frame it gets goes to {@code onFrame}, with the
 * connection's generation; frames it writes go through one writer thread.
 */
final class SampledClient implements AutoCloseable {
    enum Transport { WS, TCP }

    record Endpoint(Transport transport, String host, int port) {
        @Override
        public String toString() {
            return transport.name().toLowerCase() + "://" + host + ":" + port;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String AUTHENTICATED = "msgId or upToId missing";

    final String name;
    private final long room;
    private final List<Endpoint> endpoints;
    private final Supplier<String> login;
    private final Consumer<JsonNode> onFrame;
    private final Runnable onError;
    private final BlockingQueue<String> writes = new LinkedBlockingQueue<>(10_000);
    private final Thread manager;
    private final Thread writer;
    final AtomicInteger reconnects = new AtomicInteger();
    private volatile String token;
    private volatile boolean closed;
    private volatile Connection connection;
    private volatile boolean tokenRefused;
    /** Bumped on every new authenticated connection: socket sends made on an older one must be made again. */
    private final AtomicInteger generation = new AtomicInteger();

    /**
     * @param login    gets a fresh token (register or log in over HTTP); may throw while the api is down
     * @param onFrame  every message frame (ops 2, 3, 30), on a reader thread
     * @param onError  an error frame that may be the answer to a socket send (not the authentication probe)
     */
    SampledClient(String name, String token, long room, List<Endpoint> endpoints, Supplier<String> login,
                  Consumer<JsonNode> onFrame, Runnable onError) {
        this.name = name;
        this.token = token;
        this.room = room;
        this.endpoints = endpoints;
        this.login = login;
        this.onFrame = onFrame;
        this.onError = onError;
        manager = new Thread(this::keepConnected, "sampled-" + name);
        manager.setDaemon(true);
        writer = new Thread(this::writeLoop, "sampled-writer-" + name);
        writer.setDaemon(true);
        manager.start();
        writer.start();
    }

    /** True while a connection is open and authenticated. */
    boolean ready() {
        Connection c = connection;
        return c != null && c.authenticated && !c.dead;
    }

    int generation() {
        return generation.get();
    }

    Endpoint endpoint() {
        Connection c = connection;
        return c == null ? null : c.endpoint;
    }

    /** Queues a frame for the current connection (dropped if there is none when it is written). */
    void write(String json) {
        if (!writes.offer(json)) {
            throw new AssertionError(name + ": the write queue is full");
        }
    }

    /** The token the client uses now (HTTP sends use it too). */
    String token() {
        return token;
    }

    /** The session was refused over HTTP (40000) or on the socket: the next attempt logs in again. */
    void tokenRefused() {
        tokenRefused = true;
    }

    /** Logs in again if the token was refused; false if that did not work (the api is down). */
    synchronized boolean refreshToken() {
        if (!tokenRefused) {
            return true;
        }
        try {
            token = login.get();
            tokenRefused = false;
            return true;
        } catch (RuntimeException | AssertionError e) {
            return false;
        }
    }

    private void keepConnected() {
        int attempt = 0;
        long backoff = 100;
        while (!closed) {
            Connection c = connection;
            if (c != null && !c.dead) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));   // the connection's health is polled
                continue;
            }
            if (c != null) {
                reconnects.incrementAndGet();
                connection = null;
            }
            if (!refreshToken()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));   // the api is down: back off
                backoff = Math.min(backoff * 2, 2_000);
                continue;
            }
            Endpoint e = endpoints.get(attempt++ % endpoints.size());
            Connection fresh = open(e);
            if (fresh != null && awaitAuthenticated(fresh)) {
                generation.incrementAndGet();
                connection = fresh;
                backoff = 100;
                attempt = 0;   // the next reconnection starts from home again
            } else {
                if (fresh != null) {
                    fresh.close();
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));   // a reconnecting client backs off
                backoff = Math.min(backoff * 2, 2_000);
            }
        }
    }

    private boolean awaitAuthenticated(Connection c) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        long probeAt = 0;
        while (System.nanoTime() < deadline && !c.dead && !closed) {
            if (c.authenticated) {
                return true;
            }
            if (System.nanoTime() - probeAt > TimeUnit.SECONDS.toNanos(1)) {
                c.send("{\"op\":7,\"upToId\":\"0\"}");
                probeAt = System.nanoTime();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));   // the probe's answer is polled
        }
        return c.authenticated && !c.dead;
    }

    private Connection open(Endpoint e) {
        String auth = "{\"authToken\":\"" + token + "\",\"roomId\":" + room + ",\"acks\":true"
                + (e.transport() == Transport.TCP ? ",\"op\":6}" : "}");
        try {
            Connection c = e.transport() == Transport.WS ? new WsConnection(e) : new TcpConnection(e);
            c.send(auth);
            return c;
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    private void writeLoop() {
        while (!closed) {
            String frame;
            try {
                frame = writes.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            Connection c = connection;
            if (frame != null && c != null && !c.dead) {
                c.send(frame);
            }
        }
    }

    private void handle(Connection c, String text) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            return;
        }
        if (n.has("op")) {
            int op = n.path("op").asInt();
            if (op == 2 || op == 3 || op == 30) {
                if (op == 2 && n.hasNonNull("msgId")) {
                    write("{\"op\":7,\"msgId\":\"" + n.get("msgId").asText() + "\"}");
                }
                onFrame.accept(n);
            }
            return;
        }
        int code = n.path("code").asInt();
        String msg = n.path("msg").asText();
        if (code == 1 && AUTHENTICATED.equals(msg)) {
            c.authenticated = true;
        } else if (code == 40000 || "invalid token".equals(msg)) {
            tokenRefused = true;
            c.close();
        } else if (code != 0) {
            onError.run();
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            c.close();
        }
    }

    private abstract class Connection {
        final Endpoint endpoint;
        volatile boolean authenticated;
        volatile boolean dead;

        Connection(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        abstract void send(String json);

        abstract void close();
    }

    private final class WsConnection extends Connection implements WebSocket.Listener {
        private final WebSocket ws;
        private final StringBuilder partial = new StringBuilder();

        WsConnection(Endpoint e) {
            super(e);
            ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2))
                    .buildAsync(URI.create("ws://" + e.host() + ":" + e.port() + "/ws"), this)
                    .orTimeout(5, TimeUnit.SECONDS).join();
        }

        @Override
        synchronized void send(String json) {
            try {
                ws.sendText(json, true).get(5, TimeUnit.SECONDS);
            } catch (Exception ex) {
                dead = true;
                ws.abort();
            }
        }

        @Override
        void close() {
            dead = true;
            ws.abort();
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(this, partial.toString());
                partial.setLength(0);
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
            dead = true;
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            dead = true;
        }
    }

    private final class TcpConnection extends Connection {
        private final Socket socket = new Socket();
        private final OutputStream out;

        TcpConnection(Endpoint e) throws IOException {
            super(e);
            socket.connect(new InetSocketAddress(e.host(), e.port()), 2_000);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            Thread reader = new Thread(this::readLoop, "sampled-tcp-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void readLoop() {
            try {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                while (true) {
                    byte[] header = new byte[4];
                    in.readFully(header);
                    int total = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
                    byte[] payload = new byte[total - 4];
                    in.readFully(payload);
                    String text = new String(payload, StandardCharsets.UTF_8);
                    if (!TcpFrames.isHeartbeat(text)) {
                        handle(this, text);
                    }
                }
            } catch (IOException e) {
                close();
            }
        }

        @Override
        synchronized void send(String json) {
            try {
                out.write(TcpFrames.encode(json));
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        @Override
        void close() {
            dead = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
