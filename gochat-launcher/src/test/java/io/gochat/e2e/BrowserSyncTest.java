package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat page's gap detection and sync (sync.js, issue #17) in headless Chromium: a page that was offline
 * catches up on the room's missed messages, each once and in order, and a frame lost on the way is fetched
 * when the next one's seq jumps. The script is gochat-site/src/test/browser/sync.spec.mjs.
 */
class BrowserSyncTest {
    @RegisterExtension
    static BrowserSite browser = new BrowserSite("ws-browser-sync");

    @Test
    void aPageThatWasOfflineCatchesUpOnTheRoomsMissedMessagesWithNoDuplicates() throws Exception {
        int exit = browser.runScript("sync.spec.mjs");
        assertEquals(0, exit, "sync.spec.mjs failed; see target/browser-sync-spec-mjs.log and target/browser/*.png");
        assertTrue(Files.size(BrowserSite.screenshot("sync-caught-up.png")) > 0, "a screenshot is saved");
    }
}
