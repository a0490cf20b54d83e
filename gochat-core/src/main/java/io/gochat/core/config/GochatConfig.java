package io.gochat.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration of one server: every key of {@link ConfigKeys} has a value, already
 * checked against its type. Immutable; {@link #with} makes a changed copy (tests use it a lot).
 */
public final class GochatConfig {
    private final Map<String, String> values;

    private GochatConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static GochatConfig defaults() {
        Map<String, String> values = new HashMap<>();
        for (ConfigKey key : ConfigKeys.ALL) {
            values.put(key.name(), key.defaultValue());
        }
        return new GochatConfig(values);
    }

    /** A copy with {@code key} set; throws {@link ConfigException} for an unknown key or a bad value. */
    public GochatConfig with(String key, Object value) {
        ConfigKey k = ConfigKeys.byName(key).orElseThrow(() -> new ConfigException("unknown config key: " + key));
        String text = String.valueOf(value);
        k.validate(text);
        Map<String, String> copy = new HashMap<>(values);
        copy.put(key, text);
        return new GochatConfig(copy);
    }

    public GochatConfig with(ConfigKey key, Object value) {
        return with(key.name(), value);
    }

    public String string(ConfigKey key) {
        return values.get(key.name()).trim();
    }

    public int integer(ConfigKey key) {
        return Integer.parseInt(string(key));
    }

    public boolean bool(ConfigKey key) {
        return Boolean.parseBoolean(string(key));
    }

    public Duration duration(ConfigKey key) {
        return Durations.parse(string(key));
    }

    public List<String> list(ConfigKey key) {
        return Arrays.stream(string(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A {@link ConfigKey.Type#RATE} value: the limits that must all hold; empty = off. */
    public List<io.gochat.core.ratelimit.Rate> rates(ConfigKey key) {
        return io.gochat.core.ratelimit.Rate.parseAll(string(key));
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Every value, except that secrets (passwords, keys, credentials in URLs) are masked. */
    @Override
    public String toString() {
        java.util.TreeMap<String, String> shown = new java.util.TreeMap<>();
        values.forEach((k, v) -> shown.put(k, secret(k) && !v.isEmpty() ? "***"
                : v.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@")));
        return shown.toString();
    }

    private static boolean secret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("secret") || k.contains("password") || k.endsWith(".key");
    }
}
