package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.connect.ConnectServer;
import io.gochat.site.SiteServer;
import io.gochat.testkit.FreePorts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture the Browser*Test classes share: a one-process cluster (a {@link ChatCluster}) with a WebSocket
 * server and the site, and the Playwright scripts of gochat-site/src/test/browser run by Node.js against it
 * in Debian's headless Chromium (driven by playwright-core; no browser is downloaded). Screenshots land in
 * target/browser/, each script's output in target/browser-NAME-spec-mjs.log.
 */
final class BrowserSite implements BeforeAllCallback, AfterAllCallback {
    static final Path SCRIPTS = Path.of("..", "gochat-site", "src", "test", "browser").toAbsolutePath().normalize();
    static final Path SCREENSHOTS = Path.of("target", "browser").toAbsolutePath();
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final String wsName;
    private boolean awaitGroups;
    private final ChatCluster chat;
    private int sitePort;
    private SiteServer site;

    /** @param wsName the name of the site's WebSocket server */
    BrowserSite(String wsName) {
        this.wsName = wsName;
        // the api answers CORS to the site's own origin only, so it must know the site's port up front
        this.chat = new ChatCluster(LocalCluster.Layout.ONE_PROCESS, c -> c.with("site.port", sitePort));
    }

    /** Also waits, before the scripts run, until the api serves groups. */
    BrowserSite awaitingGroups() {
        awaitGroups = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "the browser test needs Debian's chromium: apt-get install chromium chromium-driver"
                + " (./run.sh test installs it)");
        installScriptDependencies();
        sitePort = FreePorts.next();
        chat.beforeAll(context);
        LocalCluster cluster = chat.cluster();
        cluster.logic();
        ConnectServer ws = cluster.ws(wsName);
        cluster.task();
        ApiClient api = chat.startApi();
        site = cluster.start(new SiteServer(cluster.config
                .with("site.apiUrl", "http://127.0.0.1:" + chat.apiPort())
                .with("site.wsUrl", "ws://127.0.0.1:" + ws.port() + "/ws")));
        Files.createDirectories(SCREENSHOTS);
        if (awaitGroups) {
            ChatCluster.awaitGroupsServed(api);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        chat.afterAll(context);
    }

    /** Runs {@code script} (a file in gochat-site/src/test/browser) against the site; answers its exit code. */
    int runScript(String script) throws Exception {
        return run(List.of("node", script), Map.of(
                "SITE_URL", "http://127.0.0.1:" + site.port(),
                "SCREENSHOT_DIR", SCREENSHOTS.toString()), 240);
    }

    /** The screenshot a script saved as {@code name}. */
    static Path screenshot(String name) {
        return SCREENSHOTS.resolve(name);
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
}
