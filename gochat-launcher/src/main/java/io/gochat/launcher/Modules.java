package io.gochat.launcher;

import io.gochat.api.ApiServer;
import io.gochat.cluster.ClusterRuntime;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.transport.Transport;
import io.gochat.core.config.ConfigException;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.ServerModule;
import io.gochat.logic.LogicServer;
import io.gochat.site.SiteServer;
import io.gochat.task.TaskServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/** The modules im.jar can run, by the name given to --module, in the order a process starts them. */
final class Modules {
    /** {@code --module=all}: every module in one process. */
    static final String ALL = "all";
    /** {@code --module=cli}: the terminal client, not a server module (no cluster runtime). */
    static final String CLI = "cli";

    private static final Map<String, BiFunction<GochatConfig, ClusterRuntime, ServerModule>> BY_NAME =
            new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("connect_websocket", "connect_ws");
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        // start order: servers others call first, so their callers find them at once
        add("logic", LogicServer::new, "users, sessions, presence; puts messages on the Redis queue");
        add("connect_ws", (c, r) -> new ConnectServer(c, r, Transport.WS),
                "WebSocket clients on connect.ws.port (alias connect_websocket)");
        add("connect_tcp", (c, r) -> new ConnectServer(c, r, Transport.TCP), "native TCP clients on connect.tcp.port");
        add("task", TaskServer::new, "moves queued messages to the connect servers that hold the recipients");
        add("api", ApiServer::new, "REST API (register, login, push...) on api.port");
        add("site", SiteServer::new, "the demo chat page on site.port");
    }

    private Modules() {
    }

    private static void add(String name, BiFunction<GochatConfig, ClusterRuntime, ServerModule> factory,
                            String description) {
        BY_NAME.put(name, factory);
        DESCRIPTIONS.put(name, description);
    }

    static Optional<String> canonicalName(String name) {
        String canonical = ALIASES.getOrDefault(name.trim(), name.trim());
        return BY_NAME.containsKey(canonical) ? Optional.of(canonical) : Optional.empty();
    }

    /**
     * The modules named by {@code --module}: one name, a comma-separated list, or {@code all}; in start
     * order, each once. Throws {@link ConfigException} naming an unknown module.
     */
    static List<String> parse(String spec) {
        if (spec.trim().equals(ALL)) {
            return List.copyOf(BY_NAME.keySet());
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            if (part.trim().equals(CLI)) {
                throw new ConfigException("cli is the terminal client, not a server module: run it alone (--module=cli)");
            }
            wanted.add(canonicalName(part).orElseThrow(() -> new ConfigException("unknown module '" + part.trim()
                    + "'; expected " + ALL + " or one or more of " + String.join(", ", BY_NAME.keySet()))));
        }
        if (wanted.isEmpty()) {
            throw new ConfigException("--module is empty; expected " + ALL + " or one or more of "
                    + String.join(", ", BY_NAME.keySet()));
        }
        List<String> ordered = new ArrayList<>();
        for (String name : BY_NAME.keySet()) {
            if (wanted.contains(name)) {
                ordered.add(name);
            }
        }
        return ordered;
    }

    /**
     * One process running {@code names} on one cluster runtime. With several modules and a configured
     * {@code server.id}, each module's id is {@code <server.id>-<module>} so they do not collide.
     */
    static ModuleGroup create(List<String> names, GochatConfig config) {
        String serverId = config.string(io.gochat.cluster.ClusterConfigKeys.SERVER_ID);
        String runtimeName = names.size() == 1 ? names.get(0) : "all";
        return new ModuleGroup(names, config, runtimeName, (name, runtime) -> {
            GochatConfig own = names.size() > 1 && !serverId.isEmpty() ? config.with("server.id", serverId + "-" + name)
                    : config;
            return BY_NAME.get(name).apply(own, runtime);
        });
    }

    /**
     * When a module starts in a process running several: servers others call (logic) and modules nobody
     * calls at start (api, site) first, side by side; connect servers and task, which call logic, after.
     */
    static int wave(String name) {
        return switch (name) {
            case "connect_ws", "connect_tcp", "task" -> 1;
            default -> 0;
        };
    }

    /** True for modules that serve RPC (their process binds an RPC port). */
    static boolean serves(String name) {
        return name.equals("logic") || name.startsWith("connect_");
    }

    static Map<String, String> descriptions() {
        return DESCRIPTIONS;
    }
}
