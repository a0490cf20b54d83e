package io.gochat.logic;

import io.gochat.common.config.ConfigKeys;
import io.gochat.common.config.GochatConfig;
import io.gochat.common.discovery.ClusterNode;
import io.gochat.common.discovery.Roles;
import io.gochat.common.lifecycle.Closer;
import io.gochat.common.lifecycle.ServerModule;
import io.gochat.common.service.ConnectService;
import io.gochat.common.service.LogicService;
import io.gochat.common.storage.RedisConnector;
import io.gochat.common.ids.Snowflake;
import io.gochat.common.ids.WorkerIdLease;
import io.gochat.common.queue.MessageQueue;
import io.gochat.common.queue.QueueKeys;
import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.history.HistoryService;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.history.QueueAfterStore;
import io.gochat.logic.history.UnackedMessages;
import io.gochat.logic.message.MessagePublisher;
import io.gochat.logic.message.RoomNotices;
import io.gochat.logic.presence.ConnectServerWatch;
import io.gochat.logic.presence.PresenceStore;
import io.gochat.logic.presence.ServerRepair;
import io.gochat.logic.session.LiveSessions;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.logic.user.AccountService;
import io.gochat.logic.user.PasswordHasher;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPool;

/**
 * The logic module ({@code --module=logic}): users in sqlite, sessions and presence in Redis,
 * exported as {@link LogicService} over Dubbo and registered in etcd under role {@code logic}.
 */
public final class LogicServer implements ServerModule {
    private static final Logger log = LoggerFactory.getLogger(LogicServer.class);
    static final int WORKER_THREADS = 16;
    static final int WORKER_QUEUE = 2_000;

    private final GochatConfig config;
    private final int hashIterations;
    private final Closer closer = new Closer();
    private volatile ClusterNode node;
    private volatile boolean closed;

    public LogicServer(GochatConfig config) {
        this(config, PasswordHasher.DEFAULT_ITERATIONS);
    }

    /** Tests lower the PBKDF2 cost to keep the suite fast. */
    LogicServer(GochatConfig config, int hashIterations) {
        this.config = config;
        this.hashIterations = hashIterations;
    }

    @Override
    public synchronized void start() {
        UserDatabase db = closer.add(UserDatabase.open(config.string(ConfigKeys.DB_URL)));
        JedisPool redis = closer.add(RedisConnector.open(config, WORKER_THREADS + 4));
        BlockingWork work = closer.add(new BlockingWork("logic-work", WORKER_THREADS, WORKER_QUEUE));
        SessionStore sessions = new SessionStore(redis, config.duration(ConfigKeys.SESSION_TTL));
        RoomNotices notices = closer.add(new RoomNotices());
        PresenceStore presence = new PresenceStore(redis, notices);
        AccountService accounts = new AccountService(db, sessions, new PasswordHasher(hashIterations));

        ClusterNode cluster = closer.add(ClusterNode.join(config, Roles.LOGIC, ""));
        node = cluster;
        WorkerIdLease worker = closer.add(WorkerIdLease.claim(cluster.etcd(), cluster.serverId(),
                config.duration(ConfigKeys.REGISTRY_TTL)));
        QueueKeys queueKeys = new QueueKeys(config.string(ConfigKeys.QUEUE_NAME));
        MessageQueue queue = new MessageQueue(redis, queueKeys);
        MessageWriter store = closer.add(new MessageWriter(db, config.integer(ConfigKeys.STORE_QUEUE),
                new QueueAfterStore(redis, queueKeys)));
        MessagePublisher publisher = new MessagePublisher(redis, queue, new Snowflake(worker.workerId()), accounts,
                store);
        notices.publishWith(publisher);
        LiveSessions liveSessions = new LiveSessions(redis);
        cluster.export(LogicService.class, new LogicServiceImpl(work, accounts, sessions, presence, publisher,
                new HistoryService(db, redis), new UnackedMessages(redis), liveSessions));
        liveSessions.reachConnectServersWith(cluster.pool(Roles.CONNECT, ConnectService.class));
        closer.add(ConnectServerWatch.start(cluster.watch(Roles.CONNECT), new ServerRepair(redis, presence), work));
        cluster.register("", Map.of());
        log.info("logic {} serving on RPC port {}", cluster.serverId(), cluster.rpc().port());
    }

    /** This server's id in etcd (null before start). */
    public String serverId() {
        ClusterNode n = node;
        return n == null ? null : n.serverId();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ClusterNode n = node;
        if (n != null) {
            n.deregister();   // first leave discovery, so nobody sends new calls while we drain
        }
        closer.close();
    }
}
