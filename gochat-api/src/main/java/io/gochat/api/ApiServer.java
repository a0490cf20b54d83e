package io.gochat.api;

import io.gochat.core.config.CoreConfigKeys;
import io.gochat.api.http.ApiDocs;
import io.gochat.api.http.ApiMetrics;
import io.gochat.api.http.CorsPolicy;
import io.gochat.api.http.Fallbacks;
import io.gochat.api.http.InFlightLimit;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.LogicGateway;
import io.gochat.api.http.SessionGuard;
import io.gochat.api.routes.AccountRoutes;
import io.gochat.api.routes.ContactRoutes;
import io.gochat.api.http.ServiceGateway;
import io.gochat.api.routes.GroupRoutes;
import io.gochat.api.routes.HistoryRoutes;
import io.gochat.api.routes.ProfileRoutes;
import io.gochat.api.security.ClientLimits;
import io.gochat.api.security.HttpsConnector;
import io.gochat.core.tls.PemFiles;
import io.gochat.api.routes.PushRoutes;
import io.gochat.api.routes.UserRoutes;
import io.gochat.core.config.ConfigKeys;
import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.ClusterRuntime;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.core.lifecycle.ServerModule;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.protocol.service.ContactsService;
import io.gochat.protocol.service.GroupService;
import io.gochat.protocol.service.LogicService;
import io.javalin.Javalin;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api module ({@code --module=api}): gochat's HTTP API on {@code listen.host}:{@code api.port},
 * calling any live logic server found in etcd; registered in etcd under role {@code api}.
 */
public final class ApiServer implements ServerModule {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final GochatConfig config;
    private final ClusterRuntime shared;
    private volatile ClusterNode node;
    private volatile Javalin http;
    private volatile InFlightLimit inFlight;
    private volatile boolean closed;

    public ApiServer(GochatConfig config) {
        this(config, null);
    }

    /** @param shared the process's cluster runtime when it runs several modules; null = one of its own */
    public ApiServer(GochatConfig config, ClusterRuntime shared) {
        this.config = config;
        this.shared = shared;
    }

    @Override
    public synchronized void start() {
        ClusterNode cluster = (shared == null ? ClusterNode.join(config, Roles.API, "")
                : ClusterNode.join(shared, config, Roles.API, ""));
        node = cluster;
        io.gochat.cluster.rpc.RpcClientPool<LogicService> logicPool = cluster.pool(Roles.LOGIC, LogicService.class);
        LogicGateway logic = new LogicGateway(logicPool);
        io.gochat.cluster.rpc.RpcClientPool<ContactsService> contacts = cluster.pool(Roles.LOGIC, ContactsService.class);
        io.gochat.api.http.MessageGateway messages = new io.gochat.api.http.MessageGateway(
                cluster.pool(Roles.LOGIC, io.gochat.protocol.service.MessageService.class));
        SessionGuard sessions = new SessionGuard(logic);
        CorsPolicy cors = new CorsPolicy(config.list(ApiConfigKeys.API_CORS_ORIGINS), config.integer(CoreConfigKeys.SITE_PORT));
        String host = config.string(CoreConfigKeys.LISTEN_HOST);
        int port = config.integer(CoreConfigKeys.API_PORT);
        ClientLimits limits = new ClientLimits(config);
        PemFiles tls = PemFiles.fromConfig(config);
        InFlightLimit inFlight = new InFlightLimit(config.integer(ApiConfigKeys.API_MAX_IN_FLIGHT));
        this.inFlight = inFlight;
        io.micrometer.core.instrument.Gauge.builder("gochat.api.in.flight", inFlight, InFlightLimit::inFlight)
                .description("requests being answered now").register(cluster.metrics());
        io.micrometer.core.instrument.FunctionCounter.builder("gochat.api.refused", inFlight, InFlightLimit::refused)
                .description("requests refused because api.maxInFlight were in flight").register(cluster.metrics());
        int threads = Math.max(2, config.integer(ApiConfigKeys.API_THREADS));
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = JsonBody.MAX_BYTES;
            cfg.http.responseBufferSize = 4096;   // answers are small: the default copies each through a new 32 KB buffer
            cfg.jetty.threadPool = httpThreads(threads);
            cfg.appData(InFlightLimit.KEY, inFlight);
            new ApiMetrics(cluster.metrics()).addTo(cfg.routes);
            if (tls != null) {
                HttpsConnector.install(cfg, tls, host, port);
            }
            Fallbacks.addTo(cfg.routes, cors);
            cfg.routes.before(limits::apply);
            new UserRoutes(logic, sessions, limits).addTo(cfg.routes);
            new AccountRoutes(logic, limits).addTo(cfg.routes);
            new PushRoutes(logic, sessions).addTo(cfg.routes);
            new HistoryRoutes(logic, sessions).addTo(cfg.routes);
            new ProfileRoutes(contacts).addTo(cfg.routes);
            new ContactRoutes(contacts).addTo(cfg.routes);
            new GroupRoutes(new ServiceGateway<>(cluster.pool(Roles.LOGIC, GroupService.class)), sessions).addTo(cfg.routes);
            new io.gochat.api.routes.MessageRoutes(messages).addTo(cfg.routes);
            new io.gochat.api.routes.SyncRoutes(new ServiceGateway<>(cluster.pool(Roles.LOGIC,
                    io.gochat.protocol.service.SyncService.class))).addTo(cfg.routes);
            io.gochat.api.routes.UploadRoutes.configure(cfg);
            new io.gochat.api.routes.UploadRoutes(messages).addTo(cfg.routes);
            ApiDocs.addTo(cfg.routes);
        });
        http = app;
        try {
            if (tls != null) {
                app.start();   // the TLS connector carries host and port
            } else {
                app.start(host, port);
            }
        } catch (RuntimeException e) {
            throw new StartupException("api cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        cluster.healthCheck("logic reachable", () -> !logicPool.targets().isEmpty());
        cluster.register("", Map.of("http", app.port()));
        log.info("api {} listening on {}://{}:{}", cluster.serverId(), tls == null ? "http" : "https", host, app.port());
    }

    /**
     * A small pool: handlers only parse and hand over, so a few threads serve thousands of requests, and
     * a big idle pool costs wake-ups (Jetty's default was a fifth of the api's CPU in thread hand-offs).
     */
    private static QueuedThreadPool httpThreads(int max) {
        QueuedThreadPool pool = new QueuedThreadPool(max, Math.min(2, max), 60_000);
        pool.setName("api-http");
        pool.setReservedThreads(0);
        return pool;
    }

    /** Requests being answered now (accepted and not yet answered). */
    public int inFlight() {
        InFlightLimit limit = inFlight;
        return limit == null ? 0 : limit.inFlight();
    }

    /** The registered routes as {@code "POST /user/login"}, sorted (what the OpenAPI document must describe). */
    public java.util.List<String> routes() {
        Javalin app = http;
        if (app == null) {
            return java.util.List.of();
        }
        java.util.Set<String> methods = java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .filter(r -> methods.contains(r.substring(0, r.indexOf(' '))))
                .sorted().toList();
    }

    /** The bound HTTP port (useful with api.port=0); -1 before start. */
    public int port() {
        Javalin app = http;
        return app == null ? -1 : app.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ClusterNode cluster = node;
        if (cluster != null) {
            cluster.deregister();
        }
        Javalin app = http;
        if (app != null) {
            try {
                app.stop();
            } catch (RuntimeException e) {
                log.warn("stopping the api HTTP server: {}", e.toString());
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
