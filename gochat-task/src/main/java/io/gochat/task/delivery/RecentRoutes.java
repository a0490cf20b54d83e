package io.gochat.task.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The connect servers each route (a room's, a user's) named lately. When a server vanishes — it is no
 * longer registered and presence removed it from the routes, as happens to a paused process whose etcd
 * lease lapsed — its clients may still be connected and come back with it. For the retry window, messages
 * of those routes are still handed to its lane, which holds them until the server returns (or the window
 * ends and the recipients are provably gone). One consumer thread uses it; bounded by {@link #MAX_ROUTES}.
 */
final class RecentRoutes {
    static final int MAX_ROUTES = 100_000;

    private final long windowNanos;
    private final Predicate<String> registered;
    private final Map<String, Map<String, Long>> seen = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Long>> eldest) {
            return size() > MAX_ROUTES;
        }
    };

    RecentRoutes(long windowMillis, Predicate<String> registered) {
        this.windowNanos = windowMillis * 1_000_000L;
        this.registered = registered;
    }

    /** {@code current} servers of the route, plus those that vanished from it within the window. */
    List<String> targets(String route, Set<String> current, long now) {
        Map<String, Long> last = seen.get(route);
        List<String> out = new ArrayList<>(current);
        if (last != null) {
            last.entrySet().removeIf(e -> now - e.getValue() > windowNanos);
            for (String server : last.keySet()) {
                if (!current.contains(server) && !registered.test(server)) {
                    out.add(server);
                }
            }
        }
        if (!current.isEmpty()) {
            Map<String, Long> m = last != null ? last : new HashMap<>();
            current.forEach(s -> m.put(s, now));
            if (last == null) {
                seen.put(route, m);
            }
        } else if (last != null && last.isEmpty()) {
            seen.remove(route);
        }
        return out;
    }
}
