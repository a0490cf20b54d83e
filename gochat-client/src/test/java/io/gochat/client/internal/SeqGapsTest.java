package io.gochat.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.client.internal.SeqGaps.Seen;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeqGapsTest {
    @Test
    void theFirstNumberOfAConversationIsWhereTheClientStartsAndTheNextOnesFollowIt() {
        SeqGaps g = new SeqGaps();
        assertEquals(Seen.NEXT, g.observe("r:1", 41));   // joined late: nothing before 41 is asked for
        assertEquals(Seen.NEXT, g.observe("r:1", 42));
        assertEquals(42, g.contiguous("r:1"));
        assertFalse(g.hasGap("r:1"));
        assertEquals(0, g.contiguous("r:2"), "a conversation never seen");
    }

    @Test
    void aJumpIsAGapUntilTheMissingNumbersArriveInAnyOrder() {
        SeqGaps g = new SeqGaps();
        g.observe("p:1:2", 1);
        assertEquals(Seen.GAP, g.observe("p:1:2", 4));
        assertTrue(g.hasGap("p:1:2"));
        assertEquals(1, g.contiguous("p:1:2"), "sync after 1");
        assertEquals(Seen.GAP, g.observe("p:1:2", 3));   // still missing 2
        assertEquals(Seen.NEXT, g.observe("p:1:2", 2));
        assertEquals(4, g.contiguous("p:1:2"), "2 closed the hole: 3 and 4 were already here");
        assertFalse(g.hasGap("p:1:2"));
    }

    @Test
    void numbersAtOrBelowWhatTheClientHasAreOldWhetherLiveOrSyncedTwice() {
        SeqGaps g = new SeqGaps();
        g.observe("g:7", 5);
        g.observe("g:7", 6);
        assertEquals(Seen.OLD, g.observe("g:7", 6));
        assertEquals(Seen.OLD, g.observe("g:7", 3));
        g.observe("g:7", 9);
        assertEquals(Seen.OLD, g.observe("g:7", 9), "seen beyond the hole already");
        assertEquals(Seen.OLD, g.observe("g:7", 0), "no number: a server before #17");
    }

    @Test
    void conversationsAreCountedApart() {
        SeqGaps g = new SeqGaps();
        g.observe("r:1", 1);
        g.observe("r:2", 10);
        assertEquals(Seen.NEXT, g.observe("r:1", 2));
        assertEquals(Seen.GAP, g.observe("r:2", 12));
        assertEquals(List.of("r:1", "r:2"), g.conversations().stream().sorted().toList());
    }

    @Test
    void aLastSyncPageClosesHolesTheServerDoesNotHave() {
        SeqGaps g = new SeqGaps();
        g.observe("p:1:2", 3);
        g.observe("p:1:2", 8);   // 4..7 removed by a history cut, say
        g.syncedUpTo("p:1:2", 9);
        assertEquals(9, g.contiguous("p:1:2"));
        assertFalse(g.hasGap("p:1:2"));
        assertEquals(Seen.NEXT, g.observe("p:1:2", 10));
        g.syncedUpTo("p:1:2", 4);   // an older answer moves nothing back
        assertEquals(10, g.contiguous("p:1:2"));
    }

    @Test
    void theNumbersKeptBeyondAHoleAreBounded() {
        SeqGaps g = new SeqGaps();
        g.observe("r:1", 1);
        for (long s = 3; s <= SeqGaps.MAX_AHEAD + 3; s++) {
            g.observe("r:1", s);
        }
        assertTrue(g.contiguous("r:1") > 1, "the oldest hole was given up rather than keep growing");
    }

    @Test
    void conversationKeysAreTheServers() {
        assertEquals("p:3:9", SeqGaps.between(9, 3));
        assertEquals("r:4", SeqGaps.room(4));
        assertEquals("g:5", SeqGaps.group(5));
    }
}
