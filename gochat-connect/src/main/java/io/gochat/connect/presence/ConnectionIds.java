package io.gochat.connect.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection ids of one connect server, and which connections are still authenticating. Ids start from
 * the clock (milliseconds × 1000), so a server restarted under the same {@code server.id} never reuses
 * an id its previous run recorded. A {@link #snapshot} says which recorded connections a reconcile must
 * leave alone: those authenticating and those begun after it.
 */
public final class ConnectionIds {
    private final AtomicLong last;
    private final Set<Long> authenticating = ConcurrentHashMap.newKeySet();
    private volatile boolean doubtful;

    public ConnectionIds(AtomicLong last) {
        this.last = last;
    }

    /** Ids from the clock: unique across restarts of a server. */
    public static ConnectionIds fromClock() {
        return new ConnectionIds(new AtomicLong(System.currentTimeMillis() * 1000));
    }

    /** What a reconcile needs to know: the highest id issued, and the ids still authenticating. */
    public record Snapshot(long maxId, List<String> authenticating) {
    }

    /** A new connection starts authenticating: its id. */
    public synchronized long begin() {
        long id = last.incrementAndGet();
        authenticating.add(id);
        return id;
    }

    /** The connection's authentication ended (it joined its buckets, was refused or closed). */
    public void end(long id) {
        authenticating.remove(id);
    }

    /**
     * The connection's authentication failed without an answer (a timeout): logic may still record it, so
     * the next presence check reconciles in full and removes it.
     */
    public void endInDoubt(long id) {
        doubtful = true;
        end(id);
    }

    /** True once after an {@link #endInDoubt}. */
    public boolean takeDoubt() {
        if (!doubtful) {
            return false;
        }
        doubtful = false;
        return true;
    }

    public synchronized Snapshot snapshot() {
        List<String> ids = new ArrayList<>(authenticating.size());
        authenticating.forEach(id -> ids.add(Long.toString(id)));
        return new Snapshot(last.get(), ids);
    }
}
