package io.gochat.logic;

import io.gochat.cluster.ClusterConfigKeys;
import io.gochat.redis.RedisConfigKeys;
import io.gochat.core.config.ConfigKeys;
import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.ClusterRuntime;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.core.lifecycle.Closer;
import io.gochat.core.lifecycle.ServerModule;
import io.gochat.core.lifecycle.StartupWait;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.ContactsService;
import io.gochat.protocol.service.GroupService;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.PresenceService;
import io.gochat.redis.RedisConnector;
import io.gochat.cluster.ids.MessageIds;
import io.gochat.cluster.ids.WorkerIdLease;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.logic.contacts.Contacts;
import io.gochat.logic.contacts.ContactsSettings;
import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.groups.GroupConfigKeys;
import io.gochat.logic.groups.GroupServiceImpl;
import io.gochat.logic.history.HistoryService;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.history.QueueAfterStore;
import io.gochat.logic.history.QueueGate;
import io.gochat.logic.history.ClientIdDedupe;
import io.gochat.logic.history.OutboxRelay;
import io.gochat.logic.history.UnackedMessages;
import io.gochat.logic.message.MessagePublisher;
import io.gochat.logic.message.RoomNotices;
import io.gochat.logic.presence.ConnectServerWatch;
import io.gochat.logic.presence.PresenceReconciler;
import io.gochat.logic.presence.PresenceStore;
import io.gochat.logic.presence.PresenceWriter;
import io.gochat.logic.presence.ServerRepair;
import io.gochat.logic.session.LiveSessions;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.storage.DbUrl;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.core.ratelimit.KeyedLimiter;
import io.gochat.core.ratelimit.LimitConfigKeys;
import io.gochat.logic.security.LoginLockout;
import io.gochat.logic.security.PushLimit;
import io.gochat.logic.user.AccountCalls;
import io.gochat.logic.user.AccountService;
import io.gochat.logic.user.PasswordPolicy;
import io.gochat.logic.user.PasswordHasher;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The logic module ({@code --module=logic}): users and messages in the database of {@code db.url},
 * sessions and presence in Redis,
 * exported as {@link LogicService} (and groups as {@link GroupService}) over Dubbo and registered in etcd under
 * role {@code logic}.
 */
public final class LogicServer implements ServerModule {
    private static final Logger log = LoggerFactory.getLogger(LogicServer.class);
    static final int WORKER_THREADS = 16;
    /** The outbox relay looks every 5 s for messages stored more than 10 s ago and still not queued. */
    static final long OUTBOX_PERIOD_MS = 5_000;
    static final long OUTBOX_GRACE_MS = 10_000;
    static final int WORKER_QUEUE = 2_000;
    /** Joins and leaves waiting for the presence writer; more are refused at once. */
    static final int PRESENCE_QUEUE = 20_000;

    private final GochatConfig config;
    private final ClusterRuntime shared;
    private final int hashIterations;
    private final Closer closer = new Closer();
    private volatile ClusterNode node;
    private volatile boolean closed;

    public LogicServer(GochatConfig config) {
        this(config, null, PasswordHasher.DEFAULT_ITERATIONS);
    }

    /** A logic module of a process that runs several modules on one {@link ClusterRuntime}. */
    public LogicServer(GochatConfig config, ClusterRuntime shared) {
        this(config, shared, PasswordHasher.DEFAULT_ITERATIONS);
    }

    /** Tests lower the PBKDF2 cost to keep the suite fast. */
    LogicServer(GochatConfig config, ClusterRuntime shared, int hashIterations) {
        this.config = config;
        this.shared = shared;
        this.hashIterations = hashIterations;
    }

    @Override
    public synchronized void start() {
        ClusterNode cluster = closer.add(shared == null ? ClusterNode.join(config, Roles.LOGIC, "")
                : ClusterNode.join(shared, config, Roles.LOGIC, ""));
        node = cluster;
        StartupWait startup = cluster.startup();
        DbUrl dbUrl = DbUrl.parse(config.string(LogicConfigKeys.DB_URL));
        UserDatabase db = closer.add(startup.until("the database", dbUrl.shown(),
                budget -> UserDatabase.open(dbUrl, budget)));
        UnifiedJedis redis = closer.add(RedisConnector.open(config, WORKER_THREADS + 4, startup));
        BlockingWork work = closer.add(new BlockingWork("logic-work", WORKER_THREADS, WORKER_QUEUE,
                cluster.metrics()));
        SessionStore sessions = new SessionStore(redis, config.duration(LogicConfigKeys.SESSION_TTL),
                config.duration(LogicConfigKeys.SESSION_ACCESS_TTL), config.duration(LogicConfigKeys.SESSION_REFRESH_TTL));
        RoomNotices notices = closer.add(new RoomNotices());
        PresenceStore presence = new PresenceStore(redis, notices);
        AccountService accounts = new AccountService(db, sessions, new PasswordHasher(hashIterations),
                new PasswordPolicy(config.integer(LogicConfigKeys.PASSWORD_MIN_LENGTH),
                        config.bool(LogicConfigKeys.PASSWORD_REFUSE_COMMON)),
                new LoginLockout(config.rates(LimitConfigKeys.LOGIN_FAILURES_ACCOUNT)),
                config.bool(LogicConfigKeys.SESSION_SINGLE), config.bool(LogicConfigKeys.REGISTRATION_ENABLED));
        // password hashing on its own small pool: a login flood must not starve pushes and socket auth
        int hashThreads = config.integer(LogicConfigKeys.HASH_THREADS);
        BlockingWork hashing = closer.add(new BlockingWork("logic-hash", hashThreads > 0 ? hashThreads
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                Math.max(1, config.integer(LogicConfigKeys.HASH_QUEUE)), cluster.metrics(), KeyedLimiter.tooMany(1))
                // answered "busy" while the caller still waits, never hashed after its call timed out
                .limitWaitTo(config.duration(ClusterConfigKeys.RPC_TIMEOUT).multipliedBy(3).dividedBy(4)));

        WorkerIdLease worker = closer.add(WorkerIdLease.claim(cluster.etcd(), cluster.serverId(),
                config.duration(ClusterConfigKeys.REGISTRY_TTL), startup));
        MessageQueue queue = new MessageQueue(redis, new QueueKeys(config.string(RedisConfigKeys.QUEUE_NAME),
                config.integer(RedisConfigKeys.QUEUE_PARTITIONS)), config.integer(RedisConfigKeys.QUEUE_MAX_LENGTH));
        MessageIds ids = worker.ids();   // refuses (busy) while the worker-id lease is lost
        PushLimit pushLimit = new PushLimit(config.rates(LimitConfigKeys.PUSH_USER));
        Contacts contacts = closer.add(new Contacts(db, redis, queue, ids, ContactsSettings.from(config)));
        QueueAfterStore afterStore = new QueueAfterStore(redis, queue, new io.gochat.redis.queue.ReplicaConfirmation(
                redis, config.integer(RedisConfigKeys.REDIS_REPLICAS),
                Math.max(100, config.duration(RedisConfigKeys.REDIS_TIMEOUT).toMillis() / 2)));
        MessageWriter store = closer.add(new MessageWriter(db, config.integer(LogicConfigKeys.STORE_QUEUE),
                new QueueGate(new ClientIdDedupe(MessageWriter.storedAsIsOr(MessagePublisher.resolver(redis, ids,
                        accounts, pushLimit::check, contacts.messageRules())), db), queue, cluster.metrics()),
                afterStore,
                cluster.metrics()));
        MessagePublisher publisher = new MessagePublisher(redis, queue, ids, store);
        closer.add(new OutboxRelay(db, afterStore, OUTBOX_GRACE_MS).start(OUTBOX_PERIOD_MS));
        notices.publishWith(publisher);
        LiveSessions liveSessions = new LiveSessions(redis);
        HistoryService history = new HistoryService(db, redis, contacts::historyCut);
        PresenceWriter presenceWriter = closer.add(new PresenceWriter(redis, presence, PRESENCE_QUEUE));
        cluster.export(LogicService.class, new LogicServiceImpl(work, accounts, sessions, presenceWriter, publisher,
                history, new UnackedMessages(redis),
                new AccountCalls(hashing, work, accounts, sessions, liveSessions, contacts::forget), pushLimit, contacts::seen));
        cluster.export(PresenceService.class, new PresenceReconciler(redis, presence, work));
        cluster.export(ContactsService.class, contacts.service(work, sessions));
        cluster.export(GroupService.class, new GroupServiceImpl(work, db, accounts, store, queue, ids,
                history, pushLimit::check, config.integer(GroupConfigKeys.MEMBER_LIMIT)));
        cluster.export(io.gochat.protocol.service.MessageService.class, io.gochat.logic.messages.MessagesFeature.build(
                config, db, redis, queue, ids, sessions, publisher, work, accounts, contacts.messageRules(), store,
                pushLimit::check));
        cluster.export(io.gochat.protocol.service.SyncService.class,
                new io.gochat.logic.sync.SyncServiceImpl(work, sessions, db, redis, contacts::historyCut));
        liveSessions.reachConnectServersWith(cluster.pool(Roles.CONNECT, ConnectService.class));
        closer.add(ConnectServerWatch.start(cluster.watch(Roles.CONNECT), new ServerRepair(redis, presence), work));
        cluster.healthCheck("redis reachable", () -> {
            return "PONG".equals(redis.ping());
        });
        cluster.register("", Map.of());
        log.info("logic {} serving on RPC port {}", cluster.serverId(), cluster.runtime().rpc().port());
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
