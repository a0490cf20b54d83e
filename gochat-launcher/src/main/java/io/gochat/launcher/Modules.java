package io.gochat.launcher;

import io.gochat.api.ApiServer;
import io.gochat.common.config.GochatConfig;
import io.gochat.common.lifecycle.ServerModule;
import io.gochat.connect.ConnectServer;
import io.gochat.logic.LogicServer;
import io.gochat.site.SiteServer;
import io.gochat.task.TaskServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The modules im.jar can run, by the name given to --module. */
final class Modules {
    private static final Map<String, Function<GochatConfig, ServerModule>> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("connect_websocket", "connect_ws");
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        add("api", ApiServer::new, "REST API (register, login, push...) on api.port");
        add("logic", LogicServer::new, "users, sessions, presence; puts messages on the Redis queue");
        add("task", TaskServer::new, "moves queued messages to the connect servers that hold the recipients");
        add("connect_ws", c -> new ConnectServer(c, ConnectServer.Transport.WS), "WebSocket clients on connect.ws.port (alias connect_websocket)");
        add("connect_tcp", c -> new ConnectServer(c, ConnectServer.Transport.TCP), "native TCP clients on connect.tcp.port");
        add("site", SiteServer::new, "the demo chat page on site.port");
    }

    private Modules() {
    }

    private static void add(String name, Function<GochatConfig, ServerModule> factory, String description) {
        BY_NAME.put(name, factory);
        DESCRIPTIONS.put(name, description);
    }

    static Optional<String> canonicalName(String name) {
        String canonical = ALIASES.getOrDefault(name, name);
        return BY_NAME.containsKey(canonical) ? Optional.of(canonical) : Optional.empty();
    }

    static ServerModule create(String canonicalName, GochatConfig config) {
        return BY_NAME.get(canonicalName).apply(config);
    }

    static Map<String, String> descriptions() {
        return DESCRIPTIONS;
    }
}
