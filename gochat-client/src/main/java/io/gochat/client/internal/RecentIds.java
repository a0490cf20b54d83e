package io.gochat.client.internal;

import java.util.LinkedHashSet;
import java.util.Iterator;

/**
 * The last {@code capacity} message ids seen, for dropping duplicates (delivery is at least once).
 * Bounded: the oldest id is forgotten first. Not thread-safe: the client touches it on its event thread.
 */
public final class RecentIds {
    private final int capacity;
    private final LinkedHashSet<Long> ids = new LinkedHashSet<>();

    public RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** True when the id is new (and remembers it); false for a duplicate. */
    public boolean add(long id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            Iterator<Long> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    public int size() {
        return ids.size();
    }
}
