package io.gochat.logic.contacts;

import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.ProfileReply;
import io.gochat.protocol.service.ProfileUpdate;
import io.gochat.protocol.service.ProfileView;
import io.gochat.protocol.service.UserListReply;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.exceptions.PersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Profiles: one's own (read, change), another user's as one may see it, and search by name or nickname prefix. */
public final class Profiles {
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    private static final Logger log = LoggerFactory.getLogger(Profiles.class);

    private final UserDatabase db;
    private final ProfileViews views;
    private final ContactNotices notices;

    public Profiles(UserDatabase db, ProfileViews views, ContactNotices notices) {
        this.db = db;
        this.views = views;
        this.notices = notices;
    }

    public ProfileReply own(long userId) {
        ProfileRow row = db.with(ProfileMapper.class, m -> m.find(userId));
        return row == null ? ProfileReply.refused("no user with id " + userId) : ProfileReply.of(views.own(row));
    }

    public ProfileReply of(long viewerId, long userId) {
        if (userId <= 0) {
            return ProfileReply.refused("userId must be a user id");
        }
        ProfileRow row = db.with(ProfileMapper.class, m -> m.find(userId));
        return row == null ? ProfileReply.refused("no user with id " + userId) : ProfileReply.of(views.seenByOne(viewerId, row));
    }

    /** Changes the given fields of the user's own profile; friends are told (op 24) as they see the result. */
    public ProfileReply update(long userId, ProfileUpdate u) {
        if (u == null) {
            return ProfileReply.refused("nothing to change");
        }
        ProfileRow row = db.with(ProfileMapper.class, m -> m.find(userId));
        if (row == null) {
            return ProfileReply.refused("no user with id " + userId);
        }
        String problem = apply(row, u);
        if (problem != null) {
            return ProfileReply.refused(problem);
        }
        String key = row.getNickname().isEmpty() ? "" : ProfileText.key(row.getNickname());
        long now = System.currentTimeMillis();
        if (db.with(ProfileMapper.class, m -> m.update(row, key, now)) == 0) {
            try {
                db.with(ProfileMapper.class, m -> m.insert(row, key, now));
            } catch (PersistenceException e) {
                if (!UserDatabase.isDuplicateKey(e)) {
                    throw e;
                }
                db.with(ProfileMapper.class, m -> m.update(row, key, now));   // a first change raced with another
            }
        }
        log.atInfo().addKeyValue("userId", userId).log("user {} changed their profile", userId);
        tellFriends(userId, row);
        return ProfileReply.of(views.own(row));
    }

    private void tellFriends(long userId, ProfileRow row) {
        List<Long> friends = db.with(FriendMapper.class, m -> m.friendIds(userId));
        if (friends.isEmpty()) {
            return;
        }
        LastSeen.Seen seen = views.presence(userId);
        ProfileView shown = ProfileViews.seenByFriend(row, seen);
        for (long friend : friends) {
            notices.send(friend, Ops.FRIEND_PROFILE, Map.of("user", shown));
        }
    }

    /** Users whose name or nickname starts with {@code prefix}, in id order. */
    public UserListReply search(long viewerId, String prefix, int offset, int limit) {
        String p = ProfileText.clean(prefix);
        if (p == null || p.isEmpty()) {
            return UserListReply.refused("prefix is required");
        }
        if (p.codePointCount(0, p.length()) > ProfileText.MAX_NICKNAME) {
            return UserListReply.refused("prefix must be at most " + ProfileText.MAX_NICKNAME + " characters");
        }
        if (offset < 0) {
            return UserListReply.refused("offset must not be negative");
        }
        int size = limit <= 0 ? DEFAULT_PAGE : Math.min(limit, MAX_PAGE);
        String pattern = escapeLike(ProfileText.key(p)) + "%";
        List<ProfileRow> rows = db.with(ProfileMapper.class, m -> m.search(pattern, offset, size));
        return UserListReply.of(views.seenBy(viewerId, rows));
    }

    /** LIKE's wildcards taken literally, with {@code !} as the escape character. */
    static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Applies the changes to {@code row}; a sentence when one is refused (nothing is stored then). */
    private static String apply(ProfileRow row, ProfileUpdate u) {
        if (u.nickname() != null) {
            String v = ProfileText.clean(u.nickname());
            String problem = ProfileText.lineProblem("nickname", v, ProfileText.MAX_NICKNAME);
            if (problem != null) {
                return problem;
            }
            row.setNickname(v);
        }
        if (u.avatarUrl() != null) {
            String v = u.avatarUrl().strip();
            String problem = ProfileText.urlProblem(v);
            if (problem != null) {
                return problem;
            }
            row.setAvatarUrl(v);
        }
        if (u.bio() != null) {
            String v = ProfileText.clean(u.bio());
            String problem = ProfileText.bioProblem(v);
            if (problem != null) {
                return problem;
            }
            row.setBio(v);
        }
        if (u.status() != null) {
            if (!PresenceStatus.CHOSEN.contains(u.status())) {
                return "status must be online, away, busy or invisible";
            }
            row.setStatus(u.status());
        }
        return null;
    }
}
