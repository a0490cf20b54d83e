package io.gochat.logic.contacts;

import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.ContactReply;
import io.gochat.protocol.service.UserListReply;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks: a blocked user cannot send the owner private messages ({@link MessageRules}), cannot request
 * their friendship ({@link Friends}) and sees them offline ({@link ProfileViews}). Blocking ends the
 * friendship (the other side is told, op 23) and declines pending requests between the two.
 */
public final class Blocks {
    private static final Logger log = LoggerFactory.getLogger(Blocks.class);

    private final UserDatabase db;
    private final ProfileViews views;
    private final ContactNotices notices;

    public Blocks(UserDatabase db, ProfileViews views, ContactNotices notices) {
        this.db = db;
        this.views = views;
        this.notices = notices;
    }

    /** Whether {@code ownerId} has blocked {@code userId}. */
    public boolean blocked(long ownerId, long userId) {
        return db.with(BlockMapper.class, m -> m.count(ownerId, userId)) > 0;
    }

    public ContactReply block(long ownerId, long userId) {
        if (userId == ownerId) {
            return ContactReply.refused("you cannot block yourself");
        }
        if (userId <= 0 || db.with(ProfileMapper.class, m -> m.find(userId)) == null) {
            return ContactReply.refused("no user with id " + userId);
        }
        long now = System.currentTimeMillis();
        int wereFriends = db.inTransaction(s -> {
            if (s.getMapper(BlockMapper.class).count(ownerId, userId) == 0) {
                s.getMapper(BlockMapper.class).insert(ownerId, userId, now);
            }
            s.getMapper(RequestMapper.class).decideBetween(ownerId, userId, Friends.DECLINED, now);
            return s.getMapper(FriendMapper.class).deleteBoth(ownerId, userId);
        });
        log.atInfo().addKeyValue("userId", ownerId).log("user {} blocked user {}", ownerId, userId);
        if (wereFriends > 0) {
            notices.send(userId, Ops.FRIEND_REMOVED, Map.of("userId", ownerId));
        }
        return ContactReply.ok("user " + userId + " is blocked");
    }

    public ContactReply unblock(long ownerId, long userId) {
        int n = db.with(BlockMapper.class, m -> m.delete(ownerId, userId));
        if (n == 0) {
            return ContactReply.refused("user " + userId + " is not blocked");
        }
        log.atInfo().addKeyValue("userId", ownerId).log("user {} unblocked user {}", ownerId, userId);
        return ContactReply.ok("user " + userId + " is unblocked");
    }

    public UserListReply list(long ownerId) {
        List<ProfileRow> rows = db.with(BlockMapper.class, m -> m.list(ownerId));
        return UserListReply.of(views.seenBy(ownerId, rows));
    }
}
