package io.gochat.launcher;

import io.gochat.core.config.ConfigException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --module=NAME [--config=FILE] [--key=value ...] | --help}; "--key value" works too. */
record CommandLine(String module, Path configFile, Map<String, String> flags, boolean help) {

    static CommandLine parse(String[] args) {
        String module = null;
        Path configFile = null;
        boolean help = false;
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("-")) {
                throw new ConfigException("unexpected argument '" + arg + "' (options look like --key=value)");
            }
            String body = arg.replaceFirst("^--?", "");
            String key;
            String value;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                key = body.substring(0, eq);
                value = body.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                key = body;
                value = args[++i];
            } else {
                throw new ConfigException("option --" + body + " needs a value (--" + body + "=...)");
            }
            switch (key) {
                case "module" -> module = value;
                case "config" -> configFile = Path.of(value);
                default -> flags.put(key, value);
            }
        }
        return new CommandLine(module, configFile, flags, help);
    }
}
