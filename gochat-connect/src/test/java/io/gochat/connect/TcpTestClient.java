package io.gochat.connect;

import io.gochat.protocol.TcpFrames;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain-socket gochat TCP client: frames it receives go to a queue; heartbeats are counted apart. */
public final class TcpTestClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private volatile int heartbeats;
    private volatile boolean closedByServer;

    public TcpTestClient(int port) throws IOException {
        this(port, true);
    }

    public TcpTestClient(int port, boolean reading) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        if (reading) {
            Thread reader = new Thread(this::readLoop, "tcp-test-client");
            reader.setDaemon(true);
            reader.start();
        }
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
                if (TcpFrames.isHeartbeat(text)) {
                    heartbeats++;
                } else {
                    frames.add(text);
                }
            }
        } catch (EOFException e) {
            closedByServer = true;
        } catch (IOException e) {
            closedByServer = !socket.isClosed();
        }
    }

    public TcpTestClient send(String json) throws IOException {
        return sendRaw(TcpFrames.encode(json));
    }

    public TcpTestClient sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    public TcpTestClient auth(String token, long roomId) throws IOException {
        return send("{\"op\":6,\"authToken\":\"" + token + "\",\"roomId\":" + roomId + "}");
    }

    /** The next non-heartbeat frame, or null after the timeout. */
    public String next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public BlockingQueue<String> frames() {
        return frames;
    }

    public int heartbeats() {
        return heartbeats;
    }

    public boolean closedByServer() {
        return closedByServer;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
