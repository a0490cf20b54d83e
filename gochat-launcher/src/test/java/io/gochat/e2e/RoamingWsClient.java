package io.gochat.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A WebSocket user as a real app behaves: when its connect server dies it reconnects to another one
 * and joins its room again. It records every chat message it gets (by text) and, on each rejoin, the
 * sender's last accepted sequence number: what is sent after that must arrive.
 */
final class RoamingWsClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String name;
    final long userId;
    private final String token;
    private final long room;
    private final List<Integer> ports;
    private final LongSupplier lastAcceptedSeq;
    final Set<String> texts = ConcurrentHashMap.newKeySet();
    final AtomicInteger reconnects = new AtomicInteger();
    /** Times it saw itself in the room's member list after (re)connecting. */
    final AtomicInteger joins = new AtomicInteger();
    private final Runnable askMemberList;
    volatile long mustHaveAfterSeq = -1;   // -1: not joined yet
    private volatile boolean rejoinPending = true;
    private volatile WebSocket socket;
    private volatile boolean closed;
    private int portIndex;

    /**
     * @param askMemberList asks the server to send the room's member list (as gochat's page does after
     *                      connecting); repeated until this client sees itself in it
     */
    RoamingWsClient(String name, long userId, String token, long room, List<Integer> ports, int firstPort,
                    LongSupplier lastAcceptedSeq, Runnable askMemberList) {
        this.askMemberList = askMemberList;
        this.name = name;
        this.userId = userId;
        this.token = token;
        this.room = room;
        this.ports = ports;
        this.lastAcceptedSeq = lastAcceptedSeq;
        this.portIndex = ports.indexOf(firstPort);
        connect();
    }

    boolean joined() {
        return mustHaveAfterSeq >= 0;
    }

    private synchronized void connect() {
        while (!closed) {
            int port = ports.get(portIndex);
            try {
                rejoinPending = true;
                socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2))
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener()).join();
                socket.sendText("{\"authToken\":\"" + token + "\",\"roomId\":" + room + "}", true).join();
                confirmJoin();
                return;
            } catch (RuntimeException e) {
                portIndex = (portIndex + 1) % ports.size();   // that server is down: try the next
            }
        }
    }

    private void confirmJoin() {
        Thread t = new Thread(() -> io.gochat.testkit.Eventually.await(Duration.ofSeconds(30), name + " sees itself in the room",
                () -> {
                    if (closed || !rejoinPending) {
                        return true;
                    }
                    askMemberList.run();
                    return false;
                }), "join-" + name);
        t.setDaemon(true);
        t.start();
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        reconnects.incrementAndGet();
        Thread t = new Thread(() -> {
            synchronized (this) {
                portIndex = (portIndex + 1) % ports.size();
            }
            connect();
        }, "reconnect-" + name);
        t.setDaemon(true);
        t.start();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private boolean gone;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void handle(String text) {
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(text);
            } catch (Exception e) {
                return;
            }
            int op = n.path("op").asInt();
            if (op == 2 || op == 3) {
                texts.add(n.path("msg").asText());
            } else if (op == 5 && rejoinPending && n.path("roomUserInfo").has(String.valueOf(userId))) {
                mustHaveAfterSeq = lastAcceptedSeq.getAsLong();
                rejoinPending = false;
                joins.incrementAndGet();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            lost();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            lost();
        }

        private synchronized void lost() {
            if (!gone) {
                gone = true;
                reconnectLater();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
    }
}
