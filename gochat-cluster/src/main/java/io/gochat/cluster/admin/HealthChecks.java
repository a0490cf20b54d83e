package io.gochat.cluster.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The readiness checks of one process: each module adds its own ("logic-1 registered in etcd", "redis
 * reachable", ...). Ready means at least one check and every check passing; a check that throws fails.
 */
public final class HealthChecks {
    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();

    public synchronized void add(String name, BooleanSupplier check) {
        checks.put(name, check);
    }

    public synchronized void remove(String name) {
        checks.remove(name);
    }

    /** Runs every check (on the caller's thread; checks bound their own waits). */
    public Map<String, Boolean> run() {
        Map<String, BooleanSupplier> now;
        synchronized (this) {
            now = new LinkedHashMap<>(checks);
        }
        Map<String, Boolean> results = new LinkedHashMap<>();
        now.forEach((name, check) -> {
            boolean ok;
            try {
                ok = check.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            results.put(name, ok);
        });
        return results;
    }

    public static boolean ready(Map<String, Boolean> results) {
        return !results.isEmpty() && !results.containsValue(Boolean.FALSE);
    }
}
