package io.gochat.connect.security;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sessions that logic ended recently on this server, remembered for {@link #WINDOW_NANOS} so that a
 * socket whose authentication was still on its way (logic said yes just before the logout, password
 * change or deletion) is refused when the answer arrives instead of joining with a dead session.
 * Bounded: at most {@link #MAX} entries, the oldest dropped first.
 */
public final class Revocations {
    static final long WINDOW_NANOS = 120_000_000_000L;
    static final int MAX = 10_000;
    /** Token hash meaning "every session of the user". */
    public static final int ALL = 0;

    private record Entry(long userId, int tokenHash, String reason, long at) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    public synchronized void revoke(long userId, int tokenHash, String reason) {
        long now = System.nanoTime();
        while (!entries.isEmpty() && (entries.size() >= MAX || now - entries.peekFirst().at > WINDOW_NANOS)) {
            entries.pollFirst();
        }
        entries.addLast(new Entry(userId, tokenHash, reason, now));
    }

    /**
     * Why a session of {@code userId} with {@code tokenHash} whose authentication started at
     * {@code startedAt} (System.nanoTime) must not join, or null if it may.
     */
    public synchronized String reason(long userId, int tokenHash, long startedAt) {
        for (Entry e : entries) {
            if (e.userId == userId && (e.tokenHash == ALL || e.tokenHash == tokenHash) && e.at - startedAt >= 0) {
                return e.reason;
            }
        }
        return null;
    }
}
