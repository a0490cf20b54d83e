package io.gochat.core.config;

import java.util.List;

/**
 * The config keys one module owns. Each module lists its set in
 * {@code META-INF/services/io.gochat.core.config.ConfigKeySet}, so a module adds keys without touching
 * any other module, and a process knows exactly the keys of the modules it carries.
 */
public interface ConfigKeySet {

    /** Where this set is listed in --help and the README (lower first). */
    int order();

    List<ConfigKey> keys();
}
