package io.gochat.site;

import io.gochat.core.config.CoreConfigKeys;
import io.gochat.core.config.ConfigKeys;
import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.ClusterRuntime;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.core.json.Json;
import io.gochat.core.lifecycle.Closer;
import io.gochat.core.lifecycle.ServerModule;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.core.tls.PemFiles;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --module=site}: serves the demo chat page (static files from the classpath, unknown paths
 * fall back to index.html) and {@code /config.json} telling the page where the api and WebSocket are.
 */
public final class SiteServer implements ServerModule {
    private static final Logger log = LoggerFactory.getLogger(SiteServer.class);
    static final String PUBLIC_DIR = "/public";

    private final GochatConfig config;
    private final ClusterRuntime shared;
    private final EndpointResolver endpoints;
    private final Closer closer = new Closer();
    private volatile Javalin http;

    public SiteServer(GochatConfig config) {
        this(config, null);
    }

    /** @param shared the process's cluster runtime when it runs several modules; null = one of its own */
    public SiteServer(GochatConfig config, ClusterRuntime shared) {
        this.config = config;
        this.shared = shared;
        this.endpoints = new EndpointResolver(config);
    }

    @Override
    public void start() {
        String host = config.string(CoreConfigKeys.LISTEN_HOST);
        http = startHttp(host, config.integer(CoreConfigKeys.SITE_PORT));
        closer.add((AutoCloseable) http::stop);
        ClusterNode node = closer.add((shared == null ? ClusterNode.join(config, Roles.SITE, "")
                : ClusterNode.join(shared, config, Roles.SITE, "")));
        node.register("", Map.of("http", port()));
        log.info("site serving on {}:{} as {}", host, port(), node.serverId());
    }

    private Javalin startHttp(String host, int port) {
        PemFiles tls = PemFiles.fromConfig(config);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            if (tls != null) {
                HttpsConnector.install(cfg, tls, host, port);
            }
            cfg.staticFiles.add(PUBLIC_DIR, Location.CLASSPATH);
            cfg.spaRoot.addFile("/", PUBLIC_DIR + "/index.html", Location.CLASSPATH);
            cfg.routes.get("/config.json", this::serveConfig);
        });
        try {
            return tls != null ? app.start() : app.start(host, port);
        } catch (RuntimeException e) {
            app.stop();
            throw new StartupException("site cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private void serveConfig(Context ctx) {
        boolean secure = "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || "https".equals(ctx.scheme());
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json");
        ctx.result(Json.write(endpoints.resolve(ctx.header("Host"), secure)));
    }

    /** The bound HTTP port (useful when site.port is 0). */
    public int port() {
        Javalin app = http;
        if (app == null) {
            throw new IllegalStateException("site not started");
        }
        return app.port();
    }

    @Override
    public void close() {
        closer.close();
    }
}
