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
 * Groups on the chat page in headless Chromium (Debian's, driven by playwright-core): three users in separate
 * browser contexts make a group, ask and approve, invite, chat, promote, mute and remove. The script is
 * gochat-site/src/test/browser/groups.spec.mjs; screenshots land in target/browser/groups-*.png.
 */
class BrowserGroupsTest {
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
        assertTrue(Files.isExecutable(BrowserChatTest.CHROMIUM), "the browser test needs Debian's chromium");
        BrowserChatTest.installScriptDependencies();
        int sitePort = io.gochat.testkit.FreePorts.next();
        cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir, LocalCluster.Layout.ONE_PROCESS,
                c -> c.with("site.port", sitePort));
        cluster.logic();
        ConnectServer ws = cluster.ws("ws-browser-groups");
        cluster.task();
        ApiServer api = cluster.api();
        site = cluster.start(new SiteServer(cluster.config
                .with("site.apiUrl", "http://127.0.0.1:" + api.port())
                .with("site.wsUrl", "ws://127.0.0.1:" + ws.port() + "/ws")));
        Files.createDirectories(BrowserChatTest.SCREENSHOTS);
        ChatCluster.awaitGroupsServed(new ApiClient(api.port()));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void threeUsersRunAGroupInRealBrowsers() throws Exception {
        int exit = BrowserChatTest.run(List.of("node", "groups.spec.mjs"), Map.of(
                "SITE_URL", "http://127.0.0.1:" + site.port(),
                "SCREENSHOT_DIR", BrowserChatTest.SCREENSHOTS.toString()), 240);
        assertEquals(0, exit, "groups.spec.mjs failed; see target/browser-groups-spec-mjs.log and target/browser/groups-*.png");
        assertTrue(Files.size(BrowserChatTest.SCREENSHOTS.resolve("groups-owner.png")) > 0, "a screenshot is saved");
    }
}
