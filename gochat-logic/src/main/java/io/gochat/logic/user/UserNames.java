package io.gochat.logic.user;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Recently used user names by id. A user's name never changes, so a private push need not read the
 * database for its recipient every time (that read was a sixth of logic's CPU per private message).
 * Only names that exist are kept: an unknown id may belong to a user registered a moment later.
 */
final class UserNames {
    private final int capacity;
    private final Map<Long, String> recent;

    UserNames(int capacity) {
        this.capacity = capacity;
        this.recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                return size() > UserNames.this.capacity;
            }
        };
    }

    /** A deleted user's name must not outlive it here (pushes to it are then refused as to an unknown id). */
    void forget(long userId) {
        synchronized (recent) {
            recent.remove(userId);
        }
    }

    /** The name of {@code userId}, loaded with {@code load} (may answer null: no such user) when not known. */
    String get(long userId, LongFunction<String> load) {
        synchronized (recent) {
            String name = recent.get(userId);
            if (name != null) {
                return name;
            }
        }
        String name = load.apply(userId);
        if (name != null) {
            synchronized (recent) {
                recent.put(userId, name);
            }
        }
        return name;
    }
}
