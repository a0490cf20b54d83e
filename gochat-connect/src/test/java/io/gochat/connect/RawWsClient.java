package io.gochat.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare-socket WebSocket client that does the handshake and can send small text frames, but never
 * answers pings: what a dead or hostile peer looks like to the server.
 */
public final class RawWsClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private volatile boolean readerEnded;

    public RawWsClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during handshake: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head);
        }
    }

    /** Sends a text frame (under 126 bytes) with an all-zero mask. */
    public void sendText(String text) throws IOException {
        sendTexts(text);
    }

    /** Sends several short text frames in one write (one TCP segment on loopback). */
    public void sendTexts(String... texts) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (String text : texts) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            if (payload.length >= 126) {
                throw new IllegalArgumentException("keep it short");
            }
            all.write(new byte[] {(byte) 0x81, (byte) (0x80 | payload.length), 0, 0, 0, 0});
            all.write(payload);
        }
        synchronized (out) {
            out.write(all.toByteArray());
            out.flush();
        }
    }

    /**
     * Reads everything the server sends, at once, on a thread of its own, and answers each ping with a pong
     * only {@code pongDelayMillis} later: a busy receiver whose pong is stuck behind what it is reading.
     * Answers the counter of text frames read.
     */
    public java.util.concurrent.atomic.AtomicInteger readAllWithLatePongs(long pongDelayMillis) {
        java.util.concurrent.atomic.AtomicInteger texts = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "late-pongs");
            t.setDaemon(true);
            return t;
        });
        Thread reader = new Thread(() -> {
            try {
                java.io.DataInputStream data = new java.io.DataInputStream(in);
                while (true) {
                    int b0 = data.readUnsignedByte();
                    int length = data.readUnsignedByte() & 0x7f;
                    if (length == 126) {
                        length = data.readUnsignedShort();
                    } else if (length == 127) {
                        length = (int) data.readLong();
                    }
                    byte[] payload = new byte[length];
                    data.readFully(payload);
                    int opcode = b0 & 0x0f;
                    if (opcode == 0x1) {
                        texts.incrementAndGet();
                    } else if (opcode == 0x9) {
                        later.schedule(() -> pong(payload), pongDelayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
                    } else if (opcode == 0x8) {
                        return;
                    }
                }
            } catch (IOException e) {
                // closed
            } finally {
                readerEnded = true;
                later.shutdownNow();
            }
        }, "raw-ws-reader");
        reader.setDaemon(true);
        reader.start();
        return texts;
    }

    private void pong(byte[] payload) {
        try {
            synchronized (out) {
                out.write(new byte[] {(byte) 0x8A, (byte) (0x80 | payload.length), 0, 0, 0, 0});
                out.write(payload);
                out.flush();
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** With {@link #readAllWithLatePongs}: true once the server closed the connection. */
    public boolean closedByServer() {
        return readerEnded;
    }

    /** The next text frame's payload (short frames only), skipping pings; null when closed. */
    public String readText(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        while (true) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return null;
            }
            int length = b1 & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                throw new IOException("frame too long for this client");
            }
            byte[] payload = in.readNBytes(length);
            if ((b0 & 0x0f) == 0x1) {
                return new String(payload, StandardCharsets.UTF_8);
            }
        }
    }

    /** Reads and discards what the server sends until it closes; answers whether it did (vs. read timeout). */
    public boolean drainUntilClosed(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            byte[] buf = new byte[1024];
            while (in.read(buf) >= 0) {
                // discard pings and anything else
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;   // reset by the server
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
