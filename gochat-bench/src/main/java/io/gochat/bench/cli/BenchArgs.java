package io.gochat.bench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --key=value} flags (a bare {@code --flag} is "true"); the first word that is not a flag is the command. */
public final class BenchArgs {
    private final String command;
    private final Map<String, String> flags;
    private final List<String> rest;

    private BenchArgs(String command, Map<String, String> flags, List<String> rest) {
        this.command = command;
        this.flags = flags;
        this.rest = rest;
    }

    public static BenchArgs parse(String[] args) {
        String command = null;
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (command == null && !a.startsWith("--")) {
                command = a;
                if (a.equals("jmh")) {   // everything after "jmh" belongs to JMH
                    rest.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    break;
                }
            } else if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                flags.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
            } else {
                rest.add(a);
            }
        }
        return new BenchArgs(command == null ? "help" : command, flags, rest);
    }

    public String command() {
        return command;
    }

    public List<String> rest() {
        return rest;
    }

    public String string(String key, String def) {
        return flags.getOrDefault(key, def);
    }

    public int integer(String key, int def) {
        String v = flags.get(key);
        return v == null ? def : Integer.parseInt(v.replace("_", "").replace("k", "000"));
    }

    public double decimal(String key, double def) {
        String v = flags.get(key);
        return v == null ? def : Double.parseDouble(v);
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(flags.getOrDefault(key, "false"));
    }

    /** A comma-separated list of integers, e.g. {@code --rates=100,200,400}. */
    public int[] integers(String key, String def) {
        return Arrays.stream(string(key, def).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(s -> Integer.parseInt(s.replace("_", "").replace("k", "000"))).toArray();
    }

    public Map<String, String> flags() {
        return flags;
    }
}
