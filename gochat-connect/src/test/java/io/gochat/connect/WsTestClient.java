package io.gochat.connect;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client (it answers pings by itself) collecting text frames and the close status. */
public final class WsTestClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private volatile int closeCode = -1;
    private volatile boolean failed;

    public WsTestClient(int port) {
        socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener()).join();
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            failed = true;
        }
    }

    public WsTestClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public WsTestClient auth(String token, long roomId) {
        return send("{\"authToken\":\"" + token + "\",\"roomId\":" + roomId + "}");
    }

    /** Authenticates as a client that acknowledges private messages (op 7). */
    public WsTestClient authWithAcks(String token, long roomId) {
        return send("{\"authToken\":\"" + token + "\",\"roomId\":" + roomId + ",\"acks\":true}");
    }

    public String next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public BlockingQueue<String> frames() {
        return frames;
    }

    /** True once the server closed the connection (close frame or abrupt). */
    public boolean closed() {
        return closeCode != -1 || failed || socket.isInputClosed();
    }

    public int closeCode() {
        return closeCode;
    }

    public WebSocket socket() {
        return socket;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
