package io.gochat.logic.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Signed download links: a link works for its file, its thumbnail flag and until its expiry, and nothing else. */
class FileLinksTest {
    static final String FILE = "0123456789abcdef0123456789abcdef";
    static final String OTHER = "fedcba9876543210fedcba9876543210";
    final FileLinks links = new FileLinks(FileLinks.keyFromSecret("a cluster secret of some length"), Duration.ofMinutes(10));

    @Test
    void aLinkIsGoodForItsFileUntilItExpires() {
        long now = 1_800_000_000_000L;
        long exp = links.expiry(now);
        assertEquals(now / 1000 + 600, exp);
        String sig = links.sign(FILE, false, exp);
        assertNull(links.problem(FILE, false, exp, sig, now));
        assertEquals("/file/" + FILE + "?exp=" + exp + "&sig=" + sig, links.url(FILE, false, exp));
        assertEquals("the link has expired", links.problem(FILE, false, exp, sig, exp * 1000));
    }

    @Test
    void anotherFileAThumbnailFlagALaterExpiryOrAnotherKeyBreakTheSignature() {
        long now = 1_800_000_000_000L;
        long exp = links.expiry(now);
        String sig = links.sign(FILE, false, exp);
        assertEquals("the link is not valid", links.problem(OTHER, false, exp, sig, now));
        assertEquals("the link is not valid", links.problem(FILE, true, exp, sig, now));
        assertEquals("the link is not valid", links.problem(FILE, false, exp + 3600, sig, now), "an expiry pushed later");
        assertEquals("the link is not valid", links.problem(FILE, false, exp, sig.substring(1) + "A", now));
        assertEquals("the link has no signature", links.problem(FILE, false, exp, "", now));
        FileLinks otherCluster = new FileLinks(FileLinks.keyFromSecret("another cluster's secret"), Duration.ofMinutes(10));
        assertNotEquals(sig, otherCluster.sign(FILE, false, exp));
        assertEquals("the link is not valid", otherCluster.problem(FILE, false, exp, sig, now));
        assertThrows(IllegalArgumentException.class, () -> new FileLinks(new byte[8], Duration.ofMinutes(1)));
    }
}
