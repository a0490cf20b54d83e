package io.gochat.logic.contacts;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.message.PrivateMessageRules;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.service.ContactsService;
import io.gochat.redis.queue.MessageQueue;
import redis.clients.jedis.UnifiedJedis;

/**
 * Contacts inside logic: profiles, friends, blocks and their notifications, built once per logic server.
 * Owns the tables user_profile, friend, private_history_cut, friend_request, user_block and
 * contact_notice (migrations V10–V14) and the Redis hash {@value LastSeen#KEY}.
 */
public final class Contacts implements AutoCloseable {
    private final LastSeen lastSeen;
    private final Friends friends;
    private final Blocks blocks;
    private final Profiles profiles;
    private final MessageRules rules;
    private final UserDatabase db;

    public Contacts(UserDatabase db, UnifiedJedis redis, MessageQueue queue, MessageIds ids, ContactsSettings settings) {
        this.db = db;
        for (Class<?> mapper : new Class<?>[] {ProfileMapper.class, FriendMapper.class, RequestMapper.class,
                BlockMapper.class, NoticeMapper.class}) {
            db.addMapper(mapper);
        }
        this.lastSeen = new LastSeen(redis);
        ContactNotices notices = new ContactNotices(db, queue, ids);
        ProfileViews views = new ProfileViews(db, lastSeen);
        this.blocks = new Blocks(db, views, notices);
        this.friends = new Friends(db, blocks, views, notices, ids, settings.requestTtl());
        this.profiles = new Profiles(db, views, notices);
        this.rules = new MessageRules(db, settings.friendsOnly());
        PresenceAnnouncer announcer = new PresenceAnnouncer(db, redis, notices);
        lastSeen.afterFlush(announcer::announce);
    }

    /** The RPC face, on logic's work pool. */
    public ContactsService service(BlockingWork work, SessionStore sessions) {
        return new ContactsServiceImpl(work, sessions, profiles, friends, blocks, new ContactsReads(db));
    }

    /** Blocks and the friends-only policy, for the message writer. */
    public PrivateMessageRules messageRules() {
        return rules;
    }

    /** The account is gone: its friendships (friends are told, op 23), requests, blocks, profile and notices too. */
    public void forget(long userId) {
        friends.forget(userId);
    }

    /** A connection of the user opened or closed now (never blocks). */
    public void seen(long userId) {
        lastSeen.touch(userId);
    }

    /** For the history of 1:1 messages: where the user cut it when removing a friend (0 = nowhere). */
    public long historyCut(long userId, long peerId) {
        return friends.historyCut(userId, peerId);
    }

    @Override
    public void close() {
        lastSeen.close();
    }
}
