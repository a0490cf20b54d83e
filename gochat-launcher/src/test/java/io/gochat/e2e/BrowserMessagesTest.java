package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * messages.js in headless Chromium (Debian's, driven by playwright-core; no browser is downloaded): an
 * image uploaded and seen, "typing…", read ticks, a location, a link card and a sticker, a recall. The
 * script is gochat-site/src/test/browser/messages.spec.mjs; screenshots land in target/browser/.
 */
class BrowserMessagesTest {
    @RegisterExtension
    static BrowserSite browser = new BrowserSite("ws-browser");

    @Test
    void anImageIsUploadedSeenReadAndRecalledWithTypingAndTypedCardsInARealBrowser() throws Exception {
        int exit = browser.runScript("messages.spec.mjs");
        assertEquals(0, exit, "messages.spec.mjs failed; see target/browser-messages-spec-mjs.log and target/browser/*.png");
        assertTrue(Files.size(BrowserSite.screenshot("messages-desktop.png")) > 0, "a screenshot is saved");
    }
}
