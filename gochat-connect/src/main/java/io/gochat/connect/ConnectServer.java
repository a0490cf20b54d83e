package io.gochat.connect;

import io.gochat.connect.transport.Transport;
import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.ClusterRuntime;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.core.lifecycle.ServerModule;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.GroupService;
import io.gochat.protocol.service.LogicService;
import io.gochat.connect.room.Buckets;
import io.gochat.connect.room.ChannelWriter;
import io.gochat.connect.rpc.ConnectServiceImpl;
import io.gochat.connect.security.ConnectGuards;
import io.gochat.connect.security.GuardedConnectService;
import io.gochat.connect.security.TlsContexts;
import io.gochat.core.tls.PemFiles;
import io.gochat.connect.presence.ConnectionIds;
import io.gochat.connect.presence.PresenceReporter;
import io.gochat.connect.session.LogicGateway;
import io.gochat.protocol.service.PresenceService;
import io.gochat.connect.session.SessionContext;
import io.gochat.connect.transport.TcpServerInitializer;
import io.gochat.connect.transport.TransportServer;
import io.gochat.connect.transport.WsServerInitializer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * connect_ws or connect_tcp: a Netty server holding client connections in buckets and rooms, a
 * ConnectService for pushes, registered in etcd as role {@code connect} with type ws or tcp.
 */
public final class ConnectServer implements ServerModule {
    private static final Logger log = LoggerFactory.getLogger(ConnectServer.class);
    private static final Duration LOGIC_WAIT = Duration.ofSeconds(2);

    private final GochatConfig config;
    private final ClusterRuntime shared;
    private final Transport transport;
    private volatile ConnectMetrics metrics = new ConnectMetrics();
    private final ChannelGroup clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private ConnectSettings settings;
    private Buckets buckets;
    private ClusterNode node;
    private LogicGateway logic;
    private PresenceReporter presence;
    private TransportServer server;
    private ConnectService service;
    private volatile int port = -1;
    private boolean closed;

    public ConnectServer(GochatConfig config, Transport transport) {
        this(config, null, transport);
    }

    /** @param shared the process's cluster runtime when it runs several modules; null = one of its own */
    public ConnectServer(GochatConfig config, ClusterRuntime shared, Transport transport) {
        this.config = config;
        this.shared = shared;
        this.transport = transport;
    }

    @Override
    public synchronized void start() {
        String type = transport.type();
        try {
            settings = ConnectSettings.from(config, transport);
            buckets = new Buckets(settings.buckets());
            node = shared == null ? ClusterNode.join(config, Roles.CONNECT, type)
                    : ClusterNode.join(shared, config, Roles.CONNECT, type);
            metrics = new ConnectMetrics(node.metrics(), type, node.serverId());
            ConnectGuards guards = ConnectGuards.from(config);
            service = new GuardedConnectService(new ConnectServiceImpl(buckets,
                    new ChannelWriter(settings.slowReader(), metrics), transport, ByteBufAllocator.DEFAULT),
                    guards.revocations());
            node.export(ConnectService.class, service);
            RpcClientPool<LogicService> logicPool = node.pool(Roles.LOGIC, LogicService.class);
            awaitLogic(logicPool);
            RpcClientPool<GroupService> groupPool = node.pool(Roles.LOGIC, GroupService.class);
            logic = new LogicGateway(logicPool::callAny, groupPool::callAny, node.serverId(), metrics);
            ConnectionIds ids = ConnectionIds.fromClock();
            RpcClientPool<PresenceService> presencePool = node.pool(Roles.LOGIC, PresenceService.class);
            presence = new PresenceReporter(node.serverId(), buckets, ids, presencePool, logic,
                    config.duration(ConnectConfigKeys.CONNECT_PRESENCE_CHECK));
            if (!logicPool.targets().isEmpty()) {
                presencePool.awaitReady(LOGIC_WAIT);
                clearPreviousRun();
            }
            SessionContext sessions = new SessionContext(settings, transport, buckets, logic, metrics, clients,
                    ids, guards, TlsContexts.server(PemFiles.fromConfig(config)),
                    new io.gochat.connect.messages.MessageFrames(
                            node.pool(Roles.LOGIC, io.gochat.protocol.service.MessageService.class)::callAny,
                            new io.gochat.connect.sync.SyncFrames(
                                    node.pool(Roles.LOGIC, io.gochat.protocol.service.SyncService.class)::callAny)));
            server = new TransportServer("connect-" + type, settings.epoll());
            port = server.bind(settings.host(), settings.port(), transport == Transport.WS
                    ? new WsServerInitializer(sessions) : new TcpServerInitializer(sessions));
            node.healthCheck("logic reachable", () -> !logicPool.targets().isEmpty());
            node.register(type, Map.of(type, port));
            node.onReregistered(presence::requestReconcile);
            presence.start();
            log.info("connect_{} {} listening on {}:{}{} ({}, {} buckets, slow readers: {})", type, node.serverId(),
                    settings.host(), port, sessions.tls() == null ? "" : " with TLS", server.ioKind(), buckets.size(),
                    settings.slowReader().name().toLowerCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Gives the etcd watch a moment to list logic servers, so the first clients are not refused. */
    private static void awaitLogic(RpcClientPool<LogicService> pool) {
        long deadline = System.nanoTime() + LOGIC_WAIT.toNanos();
        while (pool.targets().isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (pool.targets().isEmpty()) {
            log.warn("no logic server found yet; clients are refused until one registers");
        }
    }

    /**
     * A server restarted under the same {@code server.id} within its lease: its previous run's connections
     * are still recorded (nobody saw it leave). They are removed, and their rooms told, before clients come.
     */
    private void clearPreviousRun() {
        try {
            presence.reconcile().get(LOGIC_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.info("presence left by an earlier run of {} not cleared yet ({}); the periodic check will",
                    node.serverId(), e.toString());
        }
    }

    /** The presence checks of this server (tests trigger a reconcile with it). */
    public PresenceReporter presence() {
        return presence;
    }

    /** The bound client port (useful with port 0), or -1 before start. */
    public int port() {
        return port;
    }

    public String serverId() {
        return node == null ? null : node.serverId();
    }

    public ConnectMetrics metrics() {
        return metrics;
    }

    /** The local ConnectService (the same object Dubbo serves). */
    public ConnectService service() {
        return service;
    }

    public Buckets buckets() {
        return buckets;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (presence != null) {
            presence.close();
        }
        if (node != null) {
            node.deregister();
        }
        if (server != null) {
            server.closeListener();
            clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            if (logic != null) {
                logic.awaitDisconnects(Duration.ofSeconds(2));
            }
            server.close();
        }
        if (node != null) {
            node.close();
        }
        metrics.close();
        log.info("connect server {} stopped", node == null ? "" : node.serverId());
    }
}
