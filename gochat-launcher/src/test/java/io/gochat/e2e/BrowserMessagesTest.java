package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.api.ApiServer;
import io.gochat.connect.ConnectServer;
import io.gochat.site.SiteServer;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.RedisExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * messages.js in headless Chromium (Debian's, driven by playwright-core; no browser is downloaded): an
 * image uploaded and seen, "typing…", read ticks, a location, a link card and a sticker, a recall. The
 * script is gochat-site/src/test/browser/messages.spec.mjs; screenshots land in target/browser/.
 */
class BrowserMessagesTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static final Path SCRIPTS = Path.of("..", "gochat-site", "src", "test", "browser").toAbsolutePath().normalize();
    static final Path SCREENSHOTS = Path.of("target", "browser").toAbsolutePath();
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static LocalCluster cluster;
    static SiteServer site;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "the browser test needs Debian's chromium: apt-get install chromium chromium-driver"
                + " (./run.sh test installs it)");
        installScriptDependencies();
        // the api answers CORS to the site's own origin only, so it must know the site's port up front
        int sitePort = io.gochat.testkit.FreePorts.next();
        cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir, LocalCluster.Layout.ONE_PROCESS,
                c -> c.with("site.port", sitePort));
        cluster.logic();
        ConnectServer ws = cluster.ws("ws-browser");
        cluster.task();
        ApiServer api = cluster.api();
        site = cluster.start(new SiteServer(cluster.config
                .with("site.apiUrl", "http://127.0.0.1:" + api.port())
                .with("site.wsUrl", "ws://127.0.0.1:" + ws.port() + "/ws")));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void installScriptDependencies() throws Exception {
        if (Files.isDirectory(SCRIPTS.resolve("node_modules").resolve("playwright-core"))) {
            return;
        }
        assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300), "npm ci in " + SCRIPTS);
    }

    private static int run(List<String> command, Map<String, String> env, long timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        File log = SCREENSHOTS.getParent().resolve("browser-" + command.get(command.size() - 1).replace('.', '-') + ".log").toFile();
        Files.createDirectories(log.toPath().getParent());
        pb.redirectOutput(log);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (is Node.js installed? ./run.sh test installs it): " + e.getMessage());
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s; log: " + log);
        }
        if (p.exitValue() != 0) {
            System.out.println(Files.readString(log.toPath()));
        }
        return p.exitValue();
    }

    @Test
    void anImageIsUploadedSeenReadAndRecalledWithTypingAndTypedCardsInARealBrowser() throws Exception {
        int exit = run(List.of("node", "messages.spec.mjs"), Map.of(
                "SITE_URL", "http://127.0.0.1:" + site.port(),
                "SCREENSHOT_DIR", SCREENSHOTS.toString()), 240);
        assertEquals(0, exit, "messages.spec.mjs failed; see target/browser-messages-spec-mjs.log and target/browser/*.png");
        assertTrue(Files.size(SCREENSHOTS.resolve("messages-desktop.png")) > 0, "a screenshot is saved");
    }
}
