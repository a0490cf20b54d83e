package io.gochat.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Builds a {@link GochatConfig}: defaults, then a file ({@code --config=FILE}, YAML or properties), then
 * {@code GOCHAT_*} environment variables, then {@code --key=value} flags. Later sources win.
 */
public final class ConfigLoader {
    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() {
    }

    /**
     * @param file  a config file or null
     * @param env   the environment (System.getenv() in production)
     * @param flags key=value pairs from the command line, already stripped of "--"
     */
    public static GochatConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        GochatConfig config = GochatConfig.defaults();
        if (file != null) {
            for (Map.Entry<String, String> e : readFile(file).entrySet()) {
                config = withKnownKey(config, e.getKey(), e.getValue(), "in " + file);
            }
        }
        for (ConfigKey key : ConfigKeys.ALL) {
            String value = env.get(key.envName());
            if (value != null) {
                config = withKnownKey(config, key.name(), value, "in environment variable " + key.envName());
            }
        }
        env.keySet().stream()
                .filter(name -> name.startsWith("GOCHAT_"))
                .filter(name -> ConfigKeys.ALL.stream().noneMatch(k -> k.envName().equals(name)))
                .forEach(name -> log.warn("ignoring environment variable {}: no such config key", name));
        for (Map.Entry<String, String> e : flags.entrySet()) {
            config = withKnownKey(config, e.getKey(), e.getValue(), "on the command line");
        }
        return config;
    }

    private static GochatConfig withKnownKey(GochatConfig config, String key, String value, String where) {
        if (ConfigKeys.byName(key).isEmpty()) {
            throw new ConfigException("unknown config key '" + key + "' " + where + " (--help lists the keys)");
        }
        try {
            return config.with(key, value);
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage() + " (" + where + ")");
        }
    }

    static Map<String, String> readFile(Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigException("config file not found or not readable: " + file);
        }
        String name = file.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (name.endsWith(".properties")) {
                Properties props = new Properties();
                props.load(reader);
                Map<String, String> out = new LinkedHashMap<>();
                props.stringPropertyNames().forEach(k -> out.put(k.trim(), props.getProperty(k).trim()));
                return out;
            }
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Map<String, String> out = new LinkedHashMap<>();
            if (root != null) {
                if (!(root instanceof Map<?, ?> map)) {
                    throw new ConfigException("config file " + file + " must hold a map of keys to values");
                }
                flatten("", map, out);
            }
            return out;
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException("cannot parse config file " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** YAML may nest ({@code connect: {ws: {port: 7000}}}) or use dotted keys; both end up as "connect.ws.port". */
    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child) {
                flatten(key + ".", child, out);
            } else if (e.getValue() instanceof Iterable<?> items) {
                out.put(key, String.join(",", () -> java.util.stream.StreamSupport.stream(items.spliterator(), false)
                        .map(o -> (CharSequence) String.valueOf(o)).iterator()));
            } else {
                out.put(key, e.getValue() == null ? "" : String.valueOf(e.getValue()));
            }
        }
    }
}
