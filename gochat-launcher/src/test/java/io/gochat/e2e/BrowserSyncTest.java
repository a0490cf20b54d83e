package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.api.ApiServer;
import io.gochat.connect.ConnectServer;
import io.gochat.site.SiteServer;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat page's gap detection and sync (sync.js, issue #17) in headless Chromium: a page that was offline
 * catches up on the room's missed messages, each once and in order, and a frame lost on the way is fetched
 * when the next one's seq jumps. The script is gochat-site/src/test/browser/sync.spec.mjs.
 */
class BrowserSyncTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static LocalCluster cluster;
    static SiteServer site;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(BrowserChatTest.CHROMIUM), "the browser test needs Debian's chromium: apt-get "
                + "install chromium chromium-driver (./run.sh test installs it)");
        BrowserChatTest.installScriptDependencies();
        int sitePort = io.gochat.testkit.FreePorts.next();   // the api answers CORS to the site's own origin only
        cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir, LocalCluster.Layout.ONE_PROCESS,
                c -> c.with("site.port", sitePort));
        cluster.logic();
        ConnectServer ws = cluster.ws("ws-browser-sync");
        cluster.task();
        ApiServer api = cluster.api();
        site = cluster.start(new SiteServer(cluster.config
                .with("site.apiUrl", "http://127.0.0.1:" + api.port())
                .with("site.wsUrl", "ws://127.0.0.1:" + ws.port() + "/ws")));
        Files.createDirectories(BrowserChatTest.SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aPageThatWasOfflineCatchesUpOnTheRoomsMissedMessagesWithNoDuplicates() throws Exception {
        int exit = BrowserChatTest.run(List.of("node", "sync.spec.mjs"), Map.of(
                "SITE_URL", "http://127.0.0.1:" + site.port(),
                "SCREENSHOT_DIR", BrowserChatTest.SCREENSHOTS.toString()), 240);
        assertEquals(0, exit, "sync.spec.mjs failed; see target/browser-sync-spec-mjs.log and target/browser/*.png");
        assertTrue(Files.size(BrowserChatTest.SCREENSHOTS.resolve("sync-caught-up.png")) > 0, "a screenshot is saved");
    }
}
