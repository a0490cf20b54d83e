package io.gochat.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The catalogue of every config key of the modules on the class path, gathered from their
 * {@link ConfigKeySet}s. A key is declared once, in the module that owns it.
 */
public final class ConfigKeys {
    /** Every key, grouped by module in {@link ConfigKeySet#order()} order. */
    public static final List<ConfigKey> ALL;
    private static final Map<String, ConfigKey> BY_NAME = new LinkedHashMap<>();

    static {
        List<ConfigKeySet> sets = new ArrayList<>();
        ServiceLoader.load(ConfigKeySet.class, ConfigKeys.class.getClassLoader()).forEach(sets::add);
        sets.sort(Comparator.comparingInt(ConfigKeySet::order));
        List<ConfigKey> all = new ArrayList<>();
        for (ConfigKeySet set : sets) {
            for (ConfigKey key : set.keys()) {
                if (BY_NAME.putIfAbsent(key.name(), key) != null) {
                    throw new IllegalStateException("config key " + key.name() + " is declared twice");
                }
                all.add(key);
            }
        }
        ALL = List.copyOf(all);
    }

    private ConfigKeys() {
    }

    public static Optional<ConfigKey> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
