package io.gochat.core.config;

import java.time.Duration;
import java.util.Locale;

/**
 * One configuration key: its dotted name (the contract scripts use), its type, default and meaning.
 * The environment name is derived: {@code connect.ws.port} is {@code GOCHAT_CONNECT_WS_PORT}.
 */
public record ConfigKey(String name, Type type, String defaultValue, String description) {

    public enum Type { STRING, INT, PORT, DURATION, BOOLEAN, LIST, RATE }

    public String envName() {
        return "GOCHAT_" + name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** Throws a {@link ConfigException} naming this key when {@code value} does not fit its type. */
    void validate(String value) {
        try {
            switch (type) {
                case INT -> Integer.parseInt(value.trim());
                case PORT -> {
                    int port = Integer.parseInt(value.trim());
                    if (port < 0 || port > 65535) {
                        throw new NumberFormatException();
                    }
                }
                case DURATION -> Durations.parse(value);
                case RATE -> io.gochat.core.ratelimit.Rate.parseAll(value);
                case BOOLEAN -> {
                    String v = value.trim().toLowerCase(Locale.ROOT);
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new IllegalArgumentException();
                    }
                }
                default -> { }
            }
        } catch (RuntimeException e) {
            throw new ConfigException("bad value for " + name + ": '" + value + "' is not " + typeDescription());
        }
    }

    String typeDescription() {
        return switch (type) {
            case INT -> "an integer";
            case PORT -> "a port number (0-65535)";
            case DURATION -> "a duration such as 500ms, 5s, 2m or 24h";
            case BOOLEAN -> "true or false";
            case RATE -> "a rate such as 10/1m (several: 5/1m,30/1h) or off";
            default -> "a string";
        };
    }

    Duration asDuration(String value) {
        return Durations.parse(value);
    }
}
