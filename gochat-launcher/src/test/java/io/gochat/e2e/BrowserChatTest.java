package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat page in headless Chromium (Debian's, driven by playwright-core; no browser is downloaded):
 * two users register, chat in a room and privately, and see the count and member list change. The
 * script is gochat-site/src/test/browser/chat.spec.mjs; screenshots land in target/browser/.
 */
class BrowserChatTest {
    @RegisterExtension
    static BrowserSite browser = new BrowserSite("ws-browser");

    @Test
    void twoUsersChatInARoomAndPrivatelyInARealBrowser() throws Exception {
        int exit = browser.runScript("chat.spec.mjs");
        assertEquals(0, exit, "chat.spec.mjs failed; see target/browser-chat-spec-mjs.log and target/browser/*.png");
        assertTrue(Files.size(BrowserSite.screenshot("chat-desktop.png")) > 0, "a screenshot is saved");
    }
}
