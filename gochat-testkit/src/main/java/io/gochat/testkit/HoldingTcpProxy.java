package io.gochat.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy to a Redis server at {@code targetPort}: the server's address as everybody sees it
 * (clients, Sentinels, its replica). The way back on the replication link (the connection that sent
 * {@code PSYNC}) can be held: what the primary sends its replica meanwhile waits in the proxy, as bytes in
 * flight on a slow network do, and is lost when the proxy is {@link #cut} (the primary's host died with them
 * on the wire). So the replica falls behind for real: the primary has written the stream, the replica has
 * not got it (a stopped replica process would not do: the kernel would still take the bytes for it).
 */
final class HoldingTcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private volatile boolean holding;
    private volatile OutputStream toClient;

    HoldingTcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "proxy-accept-" + targetPort);
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                java.util.concurrent.atomic.AtomicBoolean replication = new java.util.concurrent.atomic.AtomicBoolean();
                OutputStream back = client.getOutputStream();
                pump(client.getInputStream(), target.getOutputStream(), null, () -> {
                    replication.set(true);
                    toClient = back;
                });
                pump(target.getInputStream(), back, replication, null);
            } catch (IOException e) {
                // closed, or the target is gone: the client reconnects
            }
        }
    }

    /**
     * @param replication set on the way back: the link whose bytes may be held
     * @param onPsync     on the way there: run when the client asks for the replication stream
     */
    private void pump(InputStream in, OutputStream out, java.util.concurrent.atomic.AtomicBoolean replication,
                      Runnable onPsync) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (onPsync != null && new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains("PSYNC")) {
                        onPsync.run();
                    }
                    synchronized (lock) {
                        if (replication != null && replication.get() && holding) {
                            held.write(buf, 0, n);
                        } else {
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    }
                }
            } catch (IOException e) {
                // a side closed
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Holds (true) what the target sends, or passes on what was held and goes on passing (false). */
    void hold(boolean on) throws IOException {
        synchronized (lock) {
            holding = on;
            if (!on && held.size() > 0 && toClient != null) {
                toClient.write(held.toByteArray());
                toClient.flush();
                held.reset();
            }
        }
    }

    /** The link dies: what is held is lost, every connection is closed. */
    void cut() {
        synchronized (lock) {
            held.reset();
            holding = false;
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
