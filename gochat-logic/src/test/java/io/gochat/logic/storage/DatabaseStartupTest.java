package io.gochat.logic.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.lifecycle.StartupException;
import io.gochat.core.lifecycle.StartupWait;
import io.gochat.testkit.FreePorts;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up against a database server: what waiting can fix is waited for (until startup.timeout), what
 * it cannot fails at once in one line, and a password never appears in what is said.
 */
class DatabaseStartupTest {
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();

    private static UserDatabase open(String dbUrl, Duration timeout) {
        DbUrl url = DbUrl.parse(dbUrl);
        return new StartupWait(timeout).until("the database", url.shown(), budget -> UserDatabase.open(url, budget));
    }

    /** Runs {@code start}, which must fail with a StartupException before {@code within}; returns its message. */
    private static String failsWithin(Duration within, Supplier<UserDatabase> start) {
        long t0 = System.nanoTime();
        StartupException e = assertThrows(StartupException.class, start::get);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < within.toMillis(), "failed after " + ms + " ms: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void anUnknownDatabaseFailsAtOnceOnPostgresqlAndMariadb() {
        String pg = failsWithin(Duration.ofSeconds(5), () -> open("jdbc:postgresql://"
                + RelationalDatabases.address(Engine.POSTGRESQL) + "/gochat_t_missing?user=postgres", Duration.ofSeconds(30)));
        assertTrue(pg.contains("does not exist"), pg);
        String maria = failsWithin(Duration.ofSeconds(5), () -> open("jdbc:mariadb://"
                + RelationalDatabases.address(Engine.MARIADB) + "/gochat_t_missing?user=root", Duration.ofSeconds(30)));
        assertTrue(maria.contains("Unknown database"), maria);
    }

    @Test
    void badCredentialsFailAtOnceAndThePasswordIsNeitherSaidNorLogged() {
        TestDatabase pgDb = databases.create(Engine.POSTGRESQL);
        TestDatabase mariaDb = databases.create(Engine.MARIADB);
        PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            String pg = failsWithin(Duration.ofSeconds(5), () -> open("jdbc:postgresql://"
                    + RelationalDatabases.address(Engine.POSTGRESQL) + "/" + pgDb.name()
                    + "?user=nobody_here&password=Sup3rSecret", Duration.ofSeconds(30)));
            assertTrue(pg.contains("nobody_here"), pg);
            assertTrue(pg.contains("password=***"), pg);
            String maria = failsWithin(Duration.ofSeconds(5), () -> open("jdbc:mariadb://nobody_here:Sup3rSecret@"
                    + RelationalDatabases.address(Engine.MARIADB) + "/" + mariaDb.name(), Duration.ofSeconds(30)));
            assertTrue(maria.contains("Access denied"), maria);
            assertFalse(pg.contains("Sup3rSecret") || maria.contains("Sup3rSecret"));
        } finally {
            System.setErr(err);
        }
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains("Sup3rSecret"), logged.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSqliteFileThatIsNotADatabaseFailsAtOnce(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "these are my notes, not a database ".repeat(100));
        String m = failsWithin(Duration.ofSeconds(5), () -> open(file.toString(), Duration.ofSeconds(30)));
        assertTrue(m.contains("not a database"), m);
    }

    @Test
    void aServerThatIsDownIsTriedAgainUntilTheDeadline() {
        int nobody = FreePorts.next();
        long t0 = System.nanoTime();
        StartupException e = assertThrows(StartupException.class,
                () -> open("jdbc:postgresql://127.0.0.1:" + nobody + "/x?user=postgres", Duration.ofSeconds(2)));
        assertTrue(System.nanoTime() - t0 >= Duration.ofSeconds(2).toNanos(), "waited for the deadline");
        assertTrue(e.getMessage().startsWith("the database not reachable at jdbc:postgresql://127.0.0.1:" + nobody
                + "/x?user=postgres within 2s: "), e.getMessage());
    }

    @Test
    void aServerThatComesUpWhileWeWaitIsUsed() throws Exception {
        for (Engine engine : new Engine[] {Engine.POSTGRESQL, Engine.MARIADB}) {
            TestDatabase testDb = databases.create(engine);
            String[] hostPort = RelationalDatabases.address(engine).split(":");
            int port = FreePorts.next();
            // the server "starts" 1.5 s after we begin to wait: only then does anything listen on the port
            try (LateProxy proxy = new LateProxy(port, hostPort[0], Integer.parseInt(hostPort[1]), 1500)) {
                String url = testDb.url().replace(RelationalDatabases.address(engine), "127.0.0.1:" + port);
                long t0 = System.nanoTime();
                try (UserDatabase db = open(url, Duration.ofSeconds(30))) {
                    assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(1500).toNanos());
                    assertTrue(db.withMessages(MessageMapper::count) == 0L);
                }
            }
        }
    }

    /** Listens on {@code port} only after {@code delayMs}, then forwards every connection to the real server. */
    static final class LateProxy implements AutoCloseable {
        private final Thread acceptor;
        private volatile ServerSocket server;
        private volatile boolean closed;

        LateProxy(int port, String host, int targetPort, long delayMs) {
            acceptor = new Thread(() -> {
                try {
                    Thread.sleep(delayMs);   // the simulated start-up time of the server, not a wait for a result
                    server = new ServerSocket();
                    server.bind(new InetSocketAddress("127.0.0.1", port));
                    while (!closed) {
                        Socket client = server.accept();
                        Socket upstream = new Socket(host, targetPort);
                        pump(client.getInputStream(), upstream.getOutputStream(), client, upstream);
                        pump(upstream.getInputStream(), client.getOutputStream(), client, upstream);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed
                }
            }, "late-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void pump(InputStream in, OutputStream out, Socket a, Socket b) {
            Thread t = new Thread(() -> {
                try (a; b) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side closed
                }
            }, "late-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            acceptor.interrupt();
            if (server != null) {
                server.close();
            }
        }
    }
}
