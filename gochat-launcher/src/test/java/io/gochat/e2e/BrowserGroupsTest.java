package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Groups on the chat page in headless Chromium (Debian's, driven by playwright-core): three users in separate
 * browser contexts make a group, ask and approve, invite, chat, promote, mute and remove. The script is
 * gochat-site/src/test/browser/groups.spec.mjs; screenshots land in target/browser/groups-*.png.
 */
class BrowserGroupsTest {
    @RegisterExtension
    static BrowserSite browser = new BrowserSite("ws-browser-groups").awaitingGroups();

    @Test
    void threeUsersRunAGroupInRealBrowsers() throws Exception {
        int exit = browser.runScript("groups.spec.mjs");
        assertEquals(0, exit, "groups.spec.mjs failed; see target/browser-groups-spec-mjs.log and target/browser/groups-*.png");
        assertTrue(Files.size(BrowserSite.screenshot("groups-owner.png")) > 0, "a screenshot is saved");
    }
}
