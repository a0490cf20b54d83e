package io.gochat.logic.messages;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.history.UnackedMessages;
import io.gochat.logic.media.BlobStore;
import io.gochat.logic.media.DatabaseBlobStore;
import io.gochat.logic.media.FileLinks;
import io.gochat.logic.media.LocalBlobStore;
import io.gochat.logic.media.UploadLimits;
import io.gochat.logic.media.Uploads;
import io.gochat.logic.message.MessagePublisher;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.redis.queue.MessageQueue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import io.gochat.logic.groups.GroupMessages;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.history.StoredMessage;
import io.gochat.protocol.service.PushReply;
import redis.clients.jedis.UnifiedJedis;

/** Builds logic's {@link io.gochat.protocol.service.MessageService} from the config and logic's shared parts. */
public final class MessagesFeature {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MessagesFeature.class);
    private static final long STORE_WAIT_SECONDS = 5;

    private MessagesFeature() {
    }

    public static MessageServiceImpl build(GochatConfig config, UserDatabase db, UnifiedJedis redis, MessageQueue queue,
                                           MessageIds ids, SessionStore sessions, MessagePublisher publisher,
                                           BlockingWork work, io.gochat.logic.user.AccountService accounts,
                                           io.gochat.logic.message.PrivateMessageRules rules, MessageWriter store,
                                           LongFunction<PushReply> senderCheck) {
        db.addMapper(GroupChatMapper.class);
        EventQueue events = new EventQueue(redis, queue);
        Uploads uploads = new Uploads(db, blobStore(config, db), limits(config), new Conversations(redis, db));
        Recalls recalls = new Recalls(db, ids, events, new UnackedMessages(redis),
                config.duration(MessagesConfigKeys.RECALL_WINDOW), System::currentTimeMillis, uploads,
                m -> storeEvent(store, m));
        ReadReceipts reads = new ReadReceipts(db, ids, events);
        MessageServiceImpl service = new MessageServiceImpl(work, sessions, publisher, uploads, recalls,
                new TypingEvents(ids, events, config.rates(MessagesConfigKeys.TYPING_LIMIT), rules),
                reads, new ConversationLists(db, accounts, ids, events),
                new GroupMessages(db, store, ids, senderCheck), new GroupReceipts(db, ids, events, accounts, reads));
        service.linksWith(new FileLinks(linkKey(config, redis), config.duration(MessagesConfigKeys.FILE_LINK_TTL)));
        return service;
    }

    /**
     * The key of signed download links: from {@code cluster.secret}; without one (RPC on loopback only) a random
     * key kept in Redis, so every logic server of this Redis signs and checks with the same one.
     */
    static byte[] linkKey(GochatConfig config, UnifiedJedis redis) {
        String secret = config.string(io.gochat.cluster.ClusterConfigKeys.CLUSTER_SECRET);
        if (secret != null && !secret.isBlank()) {
            return FileLinks.keyFromSecret(secret);
        }
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        redis.setnx(LINK_KEY, java.util.HexFormat.of().formatHex(fresh));
        return java.util.HexFormat.of().parseHex(redis.get(LINK_KEY));
    }

    static final String LINK_KEY = "gochat:file-link-key";

    /** A group's recall event, stored in its history and queued; waited for (bounded), a failure is logged. */
    private static void storeEvent(MessageWriter store, StoredMessage m) {
        try {
            store.write(m).get(STORE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("recall event {} of {} not stored: {}", m.id(), m.conversation(), t.toString());
        }
    }

    static BlobStore blobStore(GochatConfig config, UserDatabase db) {
        String kind = config.string(MessagesConfigKeys.BLOB_STORE).trim().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "db" -> {
                return new DatabaseBlobStore(db);
            }
            case "dir" -> {
                Path dir = Path.of(config.string(MessagesConfigKeys.BLOB_DIR));
                try {
                    return new LocalBlobStore(dir);
                } catch (IOException e) {
                    throw new StartupException("blob.dir " + dir + " cannot be used: " + e);
                }
            }
            default -> throw new StartupException("blob.store must be dir or db, got '" + kind + "'");
        }
    }

    static UploadLimits limits(GochatConfig config) {
        return new UploadLimits(kb(config, MessagesConfigKeys.MAX_KB_IMAGE), kb(config, MessagesConfigKeys.MAX_KB_VOICE),
                kb(config, MessagesConfigKeys.MAX_KB_VIDEO), kb(config, MessagesConfigKeys.MAX_KB_FILE));
    }

    private static long kb(GochatConfig config, io.gochat.core.config.ConfigKey key) {
        long bytes = config.integer(key) * 1024L;
        if (bytes <= 0 || bytes > UploadLimits.CEILING) {
            throw new StartupException(key.name() + " must be between 1 and " + UploadLimits.CEILING / 1024 + " (KiB)");
        }
        return bytes;
    }
}
