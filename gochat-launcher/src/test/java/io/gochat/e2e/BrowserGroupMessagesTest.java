package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typed messages, read state and recall in groups on the chat page in headless Chromium (Debian's, driven by
 * playwright-core): an owner sends every type (uploads included), a member finds the group in the conversation
 * list with an unread badge, opens it, and the owner sees "read by 1" and who; an admin recalls a member's
 * message from its menu. The script is gochat-site/src/test/browser/groupmessages.spec.mjs; screenshots land
 * in target/browser/groupmessages-*.png.
 */
class BrowserGroupMessagesTest {
    @RegisterExtension
    static BrowserSite browser = new BrowserSite("ws-browser-groupmessages").awaitingGroups();

    @Test
    void everyTypeReadCountsAndAnAdminsRecallInAGroupInRealBrowsers() throws Exception {
        int exit = browser.runScript("groupmessages.spec.mjs");
        assertEquals(0, exit, "groupmessages.spec.mjs failed; see target/browser-groupmessages-spec-mjs.log and "
                + "target/browser/groupmessages-*.png");
        assertTrue(Files.size(BrowserSite.screenshot("groupmessages-owner.png")) > 0, "a screenshot is saved");
    }
}
