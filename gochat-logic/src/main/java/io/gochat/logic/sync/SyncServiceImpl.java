package io.gochat.logic.sync;

import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.history.HistoryService;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.presence.PresenceKeys;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.SyncQuery;
import io.gochat.protocol.service.SyncReply;
import io.gochat.protocol.service.SyncService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import redis.clients.jedis.UnifiedJedis;

/**
 * logic's {@link SyncService}: who may see the conversation is checked as for its history (a room: users with
 * a live connection in it now, per presence; a 1:1 chat: its two users, after a "remove with history" cut;
 * a group: its members now), then the page is read by {@code (conversation, seq)}. Blocking work (Redis, the
 * database) runs on logic's worker pool.
 */
public final class SyncServiceImpl implements SyncService {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    private final BlockingWork work;
    private final SessionStore sessions;
    private final UserDatabase db;
    private final UnifiedJedis redis;
    private final HistoryService.PrivateCut cut;

    public SyncServiceImpl(BlockingWork work, SessionStore sessions, UserDatabase db, UnifiedJedis redis,
                           HistoryService.PrivateCut cut) {
        this.work = work;
        this.sessions = sessions;
        this.db = db;
        this.redis = redis;
        this.cut = cut;
        db.addMapper(SeqMapper.class);
    }

    @Override
    public CompletableFuture<SyncReply> sync(MessageCaller caller, SyncQuery query) {
        return work.submit("sync", () -> {
            SessionInfo s = resolve(caller);
            return s == null ? SyncReply.badSession() : sync(s.userId(), query);
        });
    }

    /** The page for {@code userId} (already authenticated). */
    public SyncReply sync(long userId, SyncQuery q) {
        if (q == null) {
            return SyncReply.refused("name a conversation: roomId, withUserId, groupId or conversation");
        }
        if (q.afterSeq() < 0) {
            return SyncReply.refused("afterSeq must be 0 or more");
        }
        Target t;
        try {
            t = target(userId, q);
        } catch (IllegalArgumentException e) {
            return SyncReply.refused(e.getMessage());
        }
        String refusal = refusal(userId, t);
        if (refusal != null) {
            return SyncReply.refused(refusal);
        }
        int limit = q.limit() <= 0 ? DEFAULT_LIMIT : Math.min(q.limit(), MAX_LIMIT);
        long afterId = t.kind == 'p' ? cut.upTo(userId, t.id) : 0;
        String conversation = t.conversation();
        // the last number first: the page then holds at least everything up to it, so a client that takes a last
        // page (no more) as "I have everything up to lastSeq" never skips a message committed in between
        Long last = db.with(SeqMapper.class, m -> m.last(conversation));
        List<String> page = db.with(SeqMapper.class, m -> m.after(conversation, q.afterSeq(), afterId, limit + 1));
        boolean more = page.size() > limit;
        return SyncReply.of(conversation, last == null ? 0 : last, more, more ? page.subList(0, limit) : page);
    }

    /** A room, a 1:1 chat with another user, or a group. */
    record Target(char kind, long id, long self) {
        String conversation() {
            return switch (kind) {
                case 'r' -> StoredMessage.roomConversation(id);
                case 'g' -> StoredMessage.groupConversation(id);
                default -> StoredMessage.privateConversation(self, id);
            };
        }
    }

    static Target target(long userId, SyncQuery q) {
        int named = (q.conversation() != null && !q.conversation().isBlank() ? 1 : 0) + (q.roomId() > 0 ? 1 : 0)
                + (q.withUserId() > 0 ? 1 : 0) + (q.groupId() > 0 ? 1 : 0);
        if (named != 1) {
            throw new IllegalArgumentException("name exactly one conversation: roomId, withUserId, groupId or conversation");
        }
        if (q.roomId() > 0) {
            return new Target('r', q.roomId(), userId);
        }
        if (q.withUserId() > 0) {
            return new Target('p', q.withUserId(), userId);
        }
        if (q.groupId() > 0) {
            return new Target('g', q.groupId(), userId);
        }
        String c = q.conversation().trim();
        String[] parts = c.split(":", -1);
        try {
            if (parts.length == 2 && (parts[0].equals("r") || parts[0].equals("g"))) {
                long id = Long.parseLong(parts[1]);
                if (id > 0) {
                    return new Target(parts[0].charAt(0), id, userId);
                }
            } else if (parts.length == 3 && parts[0].equals("p")) {
                long a = Long.parseLong(parts[1]);
                long b = Long.parseLong(parts[2]);
                if (a == userId || b == userId) {
                    return new Target('p', a == userId ? b : a, userId);
                }
                throw new IllegalArgumentException("conversation " + c + " is not yours");
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("conversation must be r:<roomId>, p:<userId>:<userId> or g:<groupId>");
    }

    /** Why {@code userId} may not see the conversation, or null. */
    private String refusal(long userId, Target t) {
        switch (t.kind) {
            case 'r' -> {
                if (!redis.hexists(PresenceKeys.room(t.id), Long.toString(userId))) {
                    return "only members of room " + t.id + " may sync it; connect to the room first";
                }
                return null;
            }
            case 'g' -> {
                return db.with(SeqMapper.class, m -> m.groupMember(t.id, userId)) > 0 ? null
                        : "you are not a member of group " + t.id;
            }
            default -> {
                return null;   // the conversation is always the caller's own with t.id
            }
        }
    }

    private SessionInfo resolve(MessageCaller caller) {
        if (caller == null) {
            return null;
        }
        if (caller.token() != null) {
            return caller.token().isBlank() ? null : sessions.find(caller.token());
        }
        return caller.userId() > 0 ? new SessionInfo(caller.userId(), caller.userName()) : null;
    }
}
