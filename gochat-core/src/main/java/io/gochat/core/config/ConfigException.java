package io.gochat.core.config;

/** A configuration value that cannot be used; the launcher turns it into one line and exit status 2. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
