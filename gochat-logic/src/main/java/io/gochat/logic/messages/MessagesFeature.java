package io.gochat.logic.messages;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.history.UnackedMessages;
import io.gochat.logic.media.BlobStore;
import io.gochat.logic.media.DatabaseBlobStore;
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
import redis.clients.jedis.UnifiedJedis;

/** Builds logic's {@link io.gochat.protocol.service.MessageService} from the config and logic's shared parts. */
public final class MessagesFeature {
    private MessagesFeature() {
    }

    public static MessageServiceImpl build(GochatConfig config, UserDatabase db, UnifiedJedis redis, MessageQueue queue,
                                           MessageIds ids, SessionStore sessions, MessagePublisher publisher,
                                           BlockingWork work, io.gochat.logic.user.AccountService accounts,
                                           io.gochat.logic.message.PrivateMessageRules rules) {
        EventQueue events = new EventQueue(redis, queue);
        Uploads uploads = new Uploads(db, blobStore(config, db), limits(config), new Conversations(redis));
        Recalls recalls = new Recalls(db, ids, events, new UnackedMessages(redis),
                config.duration(MessagesConfigKeys.RECALL_WINDOW), System::currentTimeMillis, uploads);
        return new MessageServiceImpl(work, sessions, publisher, uploads, recalls,
                new TypingEvents(ids, events, config.rates(MessagesConfigKeys.TYPING_LIMIT), rules),
                new ReadReceipts(db, ids, events), new ConversationLists(db, accounts, ids, events));
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
