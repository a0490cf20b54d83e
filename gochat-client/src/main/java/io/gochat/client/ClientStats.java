package io.gochat.client;

/**
 * Counters of one client since it was built.
 *
 * @param delivered         messages handed to the listener
 * @param duplicatesDropped messages dropped because their msgId was seen before
 * @param connects          successful (re)connections
 * @param sentOverSocket    sends written to the socket
 * @param sentOverHttp      sends that took the HTTP fallback
 * @param caughtUp          messages fetched over HTTP on reconnect or to fill a gap (before dedup)
 * @param syncs             {@code /message/sync} pages answered (after a reconnect, or for a gap in the numbers)
 */
public record ClientStats(long delivered, long duplicatesDropped, long connects, long sentOverSocket,
                          long sentOverHttp, long caughtUp, long syncs) {
    /** Counters without syncs (before #17). */
    public ClientStats(long delivered, long duplicatesDropped, long connects, long sentOverSocket, long sentOverHttp,
                       long caughtUp) {
        this(delivered, duplicatesDropped, connects, sentOverSocket, sentOverHttp, caughtUp, 0);
    }
}
