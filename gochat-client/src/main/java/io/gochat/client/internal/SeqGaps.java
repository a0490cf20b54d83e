package io.gochat.client.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Gap detection by conversation sequence numbers ({@code seq}: every room, 1:1 chat and group numbers its
 * messages 1, 2, 3, ... on the server). Per conversation it keeps the highest number up to which the client has
 * every message ({@link #contiguous}) and the numbers seen beyond it; a number more than one past it is a gap,
 * to be fetched with the sync route after {@link #contiguous}. The first number seen of a conversation is where
 * the client starts: nothing before it is asked for. Not thread-safe: the client touches it on its event thread.
 */
public final class SeqGaps {
    /** Numbers kept beyond the contiguous one per conversation; beyond that the oldest are dropped (bounded). */
    static final int MAX_AHEAD = 10_000;

    /** What a number meant. */
    public enum Seen {
        /** The next one, or the first of its conversation. */
        NEXT,
        /** At or below what the client already has (a duplicate, or a gap filled twice). */
        OLD,
        /** Beyond the next one: the numbers in between are missing (or still on their way). */
        GAP
    }

    private static final class Conversation {
        long contiguous;
        final TreeSet<Long> ahead = new TreeSet<>();
    }

    private final Map<String, Conversation> conversations = new HashMap<>();

    /** Records number {@code seq} of {@code conversation}; {@code seq <= 0} (an old server) is ignored as OLD. */
    public Seen observe(String conversation, long seq) {
        if (seq <= 0 || conversation == null) {
            return Seen.OLD;
        }
        Conversation c = conversations.get(conversation);
        if (c == null) {
            c = new Conversation();
            c.contiguous = seq;
            conversations.put(conversation, c);
            return Seen.NEXT;
        }
        if (seq <= c.contiguous || c.ahead.contains(seq)) {
            return Seen.OLD;
        }
        if (seq == c.contiguous + 1) {
            c.contiguous = seq;
            while (!c.ahead.isEmpty() && c.ahead.first() == c.contiguous + 1) {
                c.contiguous = c.ahead.pollFirst();
            }
            return Seen.NEXT;
        }
        c.ahead.add(seq);
        if (c.ahead.size() > MAX_AHEAD) {
            c.contiguous = c.ahead.pollFirst();   // give up on the oldest hole rather than grow without bound
            while (!c.ahead.isEmpty() && c.ahead.first() == c.contiguous + 1) {
                c.contiguous = c.ahead.pollFirst();
            }
        }
        return Seen.GAP;
    }

    /**
     * A sync page's last number is the conversation's last number now ({@code lastSeq}): everything up to it the
     * client fetched is in; a page that came back empty with a lower last number means the holes are not there.
     */
    public void syncedUpTo(String conversation, long lastSeq) {
        Conversation c = conversations.get(conversation);
        if (c == null || lastSeq <= c.contiguous) {
            return;
        }
        c.ahead.headSet(lastSeq, true).clear();
        c.contiguous = lastSeq;
        while (!c.ahead.isEmpty() && c.ahead.first() == c.contiguous + 1) {
            c.contiguous = c.ahead.pollFirst();
        }
    }

    /** The number up to which the client has every message of {@code conversation}; 0 when it has seen none. */
    public long contiguous(String conversation) {
        Conversation c = conversations.get(conversation);
        return c == null ? 0 : c.contiguous;
    }

    /** Whether numbers beyond a hole were seen in {@code conversation}. */
    public boolean hasGap(String conversation) {
        Conversation c = conversations.get(conversation);
        return c != null && !c.ahead.isEmpty();
    }

    /** Every conversation seen, to sync after a reconnect. */
    public List<String> conversations() {
        return new ArrayList<>(conversations.keySet());
    }

    /** The conversation key of a room, 1:1 or group message, as the server names it. */
    public static String room(long roomId) {
        return "r:" + roomId;
    }

    public static String between(long userA, long userB) {
        return "p:" + Math.min(userA, userB) + ":" + Math.max(userA, userB);
    }

    public static String group(long groupId) {
        return "g:" + groupId;
    }
}
