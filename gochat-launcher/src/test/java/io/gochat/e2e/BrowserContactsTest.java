package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contacts panel of the chat page in headless Chromium (Debian's, driven by playwright-core; no browser
 * is downloaded): three users in three browser contexts find each other, request, accept and decline, edit
 * a profile and a remark, message a friend and block one. The script is
 * gochat-site/src/test/browser/contacts.spec.mjs; screenshots land in target/browser/contacts-*.png.
 */
class BrowserContactsTest {
    @RegisterExtension
    static BrowserSite browser = new BrowserSite("ws-browser-contacts");

    @Test
    void threeUsersBefriendMessageAndBlockEachOtherInARealBrowser() throws Exception {
        int exit = browser.runScript("contacts.spec.mjs");
        assertEquals(0, exit, "contacts.spec.mjs failed; see target/browser-contacts-spec-mjs.log and target/browser/*.png");
        assertTrue(Files.size(BrowserSite.screenshot("contacts-ana.png")) > 0, "a screenshot is saved");
        assertTrue(Files.size(BrowserSite.screenshot("contacts-cal-phone.png")) > 0, "a phone screenshot is saved");
    }
}
