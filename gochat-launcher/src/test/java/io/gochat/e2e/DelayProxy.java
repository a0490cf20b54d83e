package io.gochat.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay that holds every chunk, in each direction, for {@link #delay(int)} ms before passing it on (0 = at
 * once): the fallback for a network delay on a machine whose kernel has no {@code sch_netem} ({@code tc netem}
 * answers "Specified qdisc kind is unknown"). Unlike netem it slows only the traffic that goes through it.
 */
final class DelayProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile int delayMillis;
    private volatile boolean closed;

    DelayProxy(String host, String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread accept = new Thread(this::acceptLoop, "delay-proxy-" + targetPort);
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void delay(int millis) {
        delayMillis = millis;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(new InetSocketAddress(targetHost, targetPort), 2_000);
                } catch (IOException down) {
                    client.close();   // the server is down: so is the relay to it
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private record Chunk(long due, byte[] bytes) {
    }

    private static final Chunk END = new Chunk(0, new byte[0]);

    private void pipe(Socket from, Socket to) {
        LinkedBlockingQueue<Chunk> held = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = from.getInputStream()) {
                byte[] buf = new byte[16 * 1024];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    held.add(new Chunk(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis), Arrays.copyOf(buf, n)));
                }
            } catch (IOException ignored) {
                // closed
            }
            held.add(END);
        }, "delay-proxy-read");
        Thread writer = new Thread(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk c = held.take();
                    if (c == END) {
                        break;
                    }
                    long wait = c.due() - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);   // the delay this relay exists for
                    }
                    out.write(c.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException ignored) {
                // closed
            }
            closeQuietly(from);
            closeQuietly(to);
        }, "delay-proxy-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        sockets.forEach(DelayProxy::closeQuietly);
    }
}
