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
 * Typed messages, read state and recall in groups on the chat page in headless Chromium (Debian's, driven by
 * playwright-core): an owner sends every type (uploads included), a member finds the group in the conversation
 * list with an unread badge, opens it, and the owner sees "read by 1" and who; an admin recalls a member's
 * message from its menu. The script is gochat-site/src/test/browser/groupmessages.spec.mjs; screenshots land
 * in target/browser/groupmessages-*.png.
 */
class BrowserGroupMessagesTest {
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
        ConnectServer ws = cluster.ws("ws-browser-groupmessages");
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
    void everyTypeReadCountsAndAnAdminsRecallInAGroupInRealBrowsers() throws Exception {
        int exit = BrowserChatTest.run(List.of("node", "groupmessages.spec.mjs"), Map.of(
                "SITE_URL", "http://127.0.0.1:" + site.port(),
                "SCREENSHOT_DIR", BrowserChatTest.SCREENSHOTS.toString()), 240);
        assertEquals(0, exit, "groupmessages.spec.mjs failed; see target/browser-groupmessages-spec-mjs.log and "
                + "target/browser/groupmessages-*.png");
        assertTrue(Files.size(BrowserChatTest.SCREENSHOTS.resolve("groupmessages-owner.png")) > 0, "a screenshot is saved");
    }
}
