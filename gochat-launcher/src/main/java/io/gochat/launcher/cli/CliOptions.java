package io.gochat.launcher.cli;

import io.gochat.client.Endpoint;
import io.gochat.core.config.ConfigException;
import java.util.Map;

/**
 * The terminal client's flags: {@code --api=http://host:7070} and {@code --ws=ws://host:7000/ws} (or
 * {@code --tcp=tcp://host:7001}, several comma-separated for fail-over), {@code --user=NAME},
 * {@code --room=N}. They are the client's, not server config keys: a server key here is an error.
 */
public record CliOptions(String api, String endpoints, String user, long room) {
    public static final String DEFAULT_API = "http://127.0.0.1:7070";
    public static final String DEFAULT_WS = "ws://127.0.0.1:7000/ws";

    public static CliOptions parse(Map<String, String> flags) {
        String api = DEFAULT_API;
        String ws = null;
        String tcp = null;
        String user = null;
        long room = -1;
        for (Map.Entry<String, String> f : flags.entrySet()) {
            String v = f.getValue().trim();
            switch (f.getKey()) {
                case "api" -> api = v;
                case "ws" -> ws = v;
                case "tcp" -> tcp = v.startsWith("tcp://") ? v : "tcp://" + v;
                case "user" -> user = v;
                case "room" -> {
                    try {
                        room = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new ConfigException("--room must be a number, got '" + v + "'");
                    }
                    if (room < 0) {
                        throw new ConfigException("--room must be 0 or more");
                    }
                }
                default -> throw new ConfigException("the terminal client takes --api, --ws, --tcp, --user and --room; not --"
                        + f.getKey());
            }
        }
        if (!api.startsWith("http://") && !api.startsWith("https://")) {
            throw new ConfigException("--api must be an http:// or https:// URL, got '" + api + "'");
        }
        String endpoints = tcp != null && ws == null ? tcp : (ws == null ? DEFAULT_WS : ws);
        if (tcp != null && ws != null) {
            endpoints = ws + "," + tcp;
        }
        for (String e : endpoints.split(",")) {
            try {
                Endpoint.of(e);
            } catch (IllegalArgumentException bad) {
                throw new ConfigException(bad.getMessage());
            }
        }
        return new CliOptions(api, endpoints, user, room);
    }
}
