package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.api.ApiServer;
import io.gochat.client.ChatListener;
import io.gochat.client.GochatClient;
import io.gochat.client.Message;
import io.gochat.connect.ConnectServer;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar im.jar --module=cli} as a person uses it, in a real terminal: tmux runs it, send-keys
 * types, capture-pane reads the screen. Against a running system (in-process cluster), with an SDK user
 * on the other side: register, join a room, chat, a private message each way, /who, /quit.
 */
class TerminalClientIT {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    Path dir;

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aPersonInATerminalRegistersJoinsChatsSendsAndReceivesPrivateMessagesAndSeesWhoIsOnline() throws Exception {
        String tmux = tmux();
        try (LocalCluster cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir, LocalCluster.Layout.ONE_PROCESS)) {
            cluster.logic();
            ConnectServer ws = cluster.ws("cli-ws");
            cluster.task();
            ApiServer api = cluster.api();
            String apiUrl = "http://127.0.0.1:" + api.port();
            String wsUrl = "ws://127.0.0.1:" + ws.port() + "/ws";

            List<Message> bobGot = new CopyOnWriteArrayList<>();
            try (GochatClient bob = GochatClient.builder().api(apiUrl).endpoint(wsUrl).room(7)
                    .listener(new ChatListener() {
                        @Override
                        public void onRoomMessage(Message m) {
                            bobGot.add(m);
                        }

                        @Override
                        public void onPrivateMessage(Message m) {
                            bobGot.add(m);
                        }
                    }).build()) {
                bob.register("bob", "secret-bob").join();
                bob.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);

                String session = "gochat-cli-" + ProcessHandle.current().pid();
                Path jar = ImProcess.JAR.toAbsolutePath();
                assertTrue(Files.exists(jar), "target/im.jar is missing: this test runs after the package phase");
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                run(tmux, "new-session", "-d", "-s", session, "-x", "160", "-y", "50",
                        java + " -Xmx128m -XX:TieredStopAtLevel=1 -jar " + jar + " --module=cli --api=" + apiUrl
                                + " --ws=" + wsUrl + "; echo CLI-EXITED-$?; sleep 30");
                try {
                    Screen screen = new Screen(tmux, session);
                    screen.await("user name: ");
                    screen.type("alice");
                    screen.await("password: ");
                    screen.type("secret-alice");
                    screen.await("register a new user 'alice'");
                    screen.type("y");
                    screen.await("registered and logged in as alice");
                    screen.await("room to join");
                    screen.type("7");
                    screen.await("joined room 7");
                    assertTrue(!screen.text().contains("secret-alice"), "the password is not echoed:\n" + screen.text());

                    screen.type("hello from the terminal");
                    Eventually.await(WAIT, "bob gets alice's room message", () -> bobGot.stream()
                            .anyMatch(m -> m.op() == 3 && m.msg().equals("hello from the terminal")
                                    && m.fromUserName().equals("alice")));
                    screen.await("[room 7] alice: hello from the terminal");

                    bob.sendRoom("hi alice, welcome").join();
                    screen.await("[room 7] bob: hi alice, welcome");

                    long aliceId = bobGot.stream().filter(m -> m.fromUserName().equals("alice")).findFirst()
                            .orElseThrow().fromUserId();
                    bob.sendPrivate(aliceId, "psst alice").join();
                    screen.await("[from bob] psst alice");

                    screen.type("/msg bob psst bob");
                    screen.await("[to bob] psst bob");
                    Eventually.await(WAIT, "bob gets alice's private message", () -> bobGot.stream()
                            .anyMatch(m -> m.op() == 2 && m.msg().equals("psst bob") && m.fromUserName().equals("alice")));

                    screen.type("/who");
                    screen.await("* online in room 7 (2): ");
                    String who = screen.lineWith("* online in room 7 (2): ");
                    assertTrue(who.contains("alice") && who.contains("bob"), who);

                    screen.type("/quit");
                    screen.await("CLI-EXITED-0");
                } finally {
                    new ProcessBuilder(tmux, "kill-session", "-t", session).start().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String tmux() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "tmux");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("tmux is not installed: this test drives the terminal client in tmux "
                + "(apt-get install tmux; ./run.sh test installs it)");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }

    /** The tmux pane: what a person sees, and their keyboard. */
    private static final class Screen {
        private final String tmux;
        private final String session;

        Screen(String tmux, String session) {
            this.tmux = tmux;
            this.session = session;
        }

        String text() {
            try {
                return run(tmux, "capture-pane", "-p", "-J", "-S", "-200", "-t", session);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError("capture-pane failed: " + e, e);
            }
        }

        void await(String expected) {
            Eventually.await(WAIT, () -> "the screen shows '" + expected + "'; it shows:\n" + text(),
                    () -> text().contains(expected));
        }

        String lineWith(String part) {
            return text().lines().filter(l -> l.contains(part)).findFirst().orElse("");
        }

        void type(String line) throws IOException, InterruptedException {
            run(tmux, "send-keys", "-t", session, "-l", line);
            run(tmux, "send-keys", "-t", session, "Enter");
        }
    }
}
