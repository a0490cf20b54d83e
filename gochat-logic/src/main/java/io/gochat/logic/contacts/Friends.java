package io.gochat.logic.contacts;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.ContactReply;
import io.gochat.protocol.service.FriendListReply;
import io.gochat.protocol.service.FriendRequestView;
import io.gochat.protocol.service.FriendView;
import io.gochat.protocol.service.ProfileView;
import io.gochat.protocol.service.RequestListReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Friend requests (with a note; accepted, declined or expired; a mutual request is accepted at once),
 * the friend list (remark, status, last seen), remarks, and removal on both sides. Every action is the
 * caller's own: requests are answered only by the user they are addressed to, remarks are per owner.
 * The users concerned are told over their sockets (ops 20–23).
 */
public final class Friends {
    static final String PENDING = "pending";
    static final String ACCEPTED = "accepted";
    static final String DECLINED = "declined";
    static final String EXPIRED = "expired";
    static final int MAX_LISTED = 200;
    private static final Logger log = LoggerFactory.getLogger(Friends.class);

    private final UserDatabase db;
    private final Blocks blocks;
    private final ProfileViews views;
    private final ContactNotices notices;
    private final MessageIds ids;
    private final Duration requestTtl;

    public Friends(UserDatabase db, Blocks blocks, ProfileViews views, ContactNotices notices, MessageIds ids,
                   Duration requestTtl) {
        this.db = db;
        this.blocks = blocks;
        this.views = views;
        this.notices = notices;
        this.ids = ids;
        this.requestTtl = requestTtl;
    }

    public boolean friends(long a, long b) {
        return db.with(FriendMapper.class, m -> m.count(a, b)) > 0;
    }

    public ContactReply request(long fromId, long toId, String note) {
        if (toId == fromId) {
            return ContactReply.refused("you cannot send a friend request to yourself");
        }
        ProfileRow to = toId <= 0 ? null : db.with(ProfileMapper.class, m -> m.find(toId));
        if (to == null) {
            return ContactReply.refused("no user with id " + toId);
        }
        String text = ProfileText.clean(note == null ? "" : note);
        String problem = ProfileText.lineProblem("note", text, ProfileText.MAX_NOTE);
        if (problem != null) {
            return ContactReply.refused(problem);
        }
        if (blocks.blocked(toId, fromId)) {
            return ContactReply.refused("user " + toId + " has blocked you");
        }
        if (blocks.blocked(fromId, toId)) {
            return ContactReply.refused("you have blocked user " + toId + "; unblock them first");
        }
        if (friends(fromId, toId)) {
            return ContactReply.refused("user " + toId + " is already your friend");
        }
        long now = System.currentTimeMillis();
        long since = now - requestTtl.toMillis();
        RequestRow theirs = db.with(RequestMapper.class, m -> m.pending(toId, fromId, since));
        if (theirs != null) {   // they asked first: both want it
            if (!befriend(theirs.getId(), toId, fromId, now)) {
                return ContactReply.refused("friend request " + theirs.getId() + " was answered meanwhile; try again");
            }
            notices.send(toId, Ops.FRIEND_ACCEPTED, Map.of("requestId", theirs.getId(), "user", viewOf(toId, fromId)));
            log.atInfo().addKeyValue("userId", fromId).log("users {} and {} are friends (mutual requests)", fromId, toId);
            return ContactReply.ok("you are now friends with user " + toId + " (they had asked you)");
        }
        RequestRow mine = db.with(RequestMapper.class, m -> m.pending(fromId, toId, since));
        RequestRow sent;
        if (mine != null) {
            db.with(RequestMapper.class, m -> m.renew(mine.getId(), text, now));
            sent = mine;
        } else {
            sent = new RequestRow(fromId, toId, text, PENDING, now);
            db.with(RequestMapper.class, m -> m.insert(sent));
        }
        RequestRow stored = db.with(RequestMapper.class, m -> m.find(sent.getId()));
        notices.send(toId, Ops.FRIEND_REQUEST, Map.of("request", view(stored, now)));
        log.atInfo().addKeyValue("userId", fromId).log("user {} asked user {} to be friends (request {})",
                fromId, toId, sent.getId());
        return ContactReply.ok(mine != null ? "friend request sent again" : "friend request sent");
    }

    public ContactReply answer(long userId, long requestId, boolean accept) {
        RequestRow r = requestId <= 0 ? null : db.with(RequestMapper.class, m -> m.find(requestId));
        if (r == null) {
            return ContactReply.refused("no friend request " + requestId);
        }
        if (r.getToUserId() != userId) {
            return ContactReply.refused(r.getFromUserId() == userId ? "you cannot answer your own friend request"
                    : "friend request " + requestId + " is not addressed to you");
        }
        long now = System.currentTimeMillis();
        String state = state(r, now);
        if (!state.equals(PENDING)) {
            return ContactReply.refused("friend request " + requestId + " is " + state);
        }
        long from = r.getFromUserId();
        if (!accept) {
            if (db.with(RequestMapper.class, m -> m.decide(requestId, DECLINED, now)) == 0) {
                return ContactReply.refused("friend request " + requestId + " was answered meanwhile");
            }
            notices.send(from, Ops.FRIEND_DECLINED, Map.of("requestId", requestId, "userId", userId));
            return ContactReply.ok("friend request declined");
        }
        if (blocks.blocked(userId, from)) {
            return ContactReply.refused("you have blocked user " + from + "; unblock them first");
        }
        if (!befriend(requestId, from, userId, now)) {
            return ContactReply.refused("friend request " + requestId + " was answered meanwhile");
        }
        notices.send(from, Ops.FRIEND_ACCEPTED, Map.of("requestId", requestId, "user", viewOf(from, userId)));
        log.atInfo().addKeyValue("userId", userId).log("users {} and {} are friends (request {})", from, userId, requestId);
        return ContactReply.ok("you are now friends with user " + from);
    }

    /** Accepts the request and records both sides, in one transaction; false if it was no longer pending. */
    private boolean befriend(long requestId, long a, long b, long now) {
        return db.inTransaction((SqlSession s) -> {
            RequestMapper requests = s.getMapper(RequestMapper.class);
            if (requests.decide(requestId, ACCEPTED, now) == 0) {
                return false;
            }
            requests.decideBetween(a, b, ACCEPTED, now);   // a request the other way too
            FriendMapper friends = s.getMapper(FriendMapper.class);
            if (friends.count(a, b) == 0) {
                friends.insert(a, b, now);
            }
            if (friends.count(b, a) == 0) {
                friends.insert(b, a, now);
            }
            return true;
        });
    }

    /** The caller's pending requests: incoming, outgoing, or pending (both), newest first. */
    public RequestListReply requests(long userId, String box) {
        String which = box == null || box.isBlank() ? "pending" : box;
        long now = System.currentTimeMillis();
        long since = now - requestTtl.toMillis();
        List<RequestRow> rows = new ArrayList<>();
        switch (which) {
            case "incoming" -> rows.addAll(db.with(RequestMapper.class, m -> m.incoming(userId, since, MAX_LISTED)));
            case "outgoing" -> rows.addAll(db.with(RequestMapper.class, m -> m.outgoing(userId, since, MAX_LISTED)));
            case "pending" -> {
                rows.addAll(db.with(RequestMapper.class, m -> m.incoming(userId, since, MAX_LISTED)));
                rows.addAll(db.with(RequestMapper.class, m -> m.outgoing(userId, since, MAX_LISTED)));
                rows.sort((x, y) -> Long.compare(y.getId(), x.getId()));
            }
            default -> {
                return RequestListReply.refused("box must be incoming, outgoing or pending");
            }
        }
        return RequestListReply.of(rows.stream().map(r -> view(r, now)).toList());
    }

    public FriendListReply list(long userId) {
        List<FriendRow> rows = db.with(FriendMapper.class, m -> m.list(userId));
        List<ProfileView> shown = views.seenBy(userId, rows);
        List<FriendView> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new FriendView(shown.get(i), rows.get(i).getRemark(), rows.get(i).getCreatedAt()));
        }
        return FriendListReply.of(out);
    }

    public ContactReply setRemark(long userId, long friendId, String remark) {
        String text = ProfileText.clean(remark == null ? "" : remark);
        String problem = ProfileText.lineProblem("remark", text, ProfileText.MAX_REMARK);
        if (problem != null) {
            return ContactReply.refused(problem);
        }
        if (db.with(FriendMapper.class, m -> m.setRemark(userId, friendId, text)) == 0) {
            return ContactReply.refused("user " + friendId + " is not your friend");
        }
        return ContactReply.ok(text.isEmpty() ? "remark removed" : "remark saved");
    }

    /** Ends the friendship on both sides; with {@code deleteHistory} the caller no longer sees their 1:1 messages. */
    public ContactReply remove(long userId, long friendId, boolean deleteHistory) {
        long cut = deleteHistory ? ids.next() : 0;   // every message stored before now has a smaller id
        int removed = db.inTransaction(s -> {
            int n = s.getMapper(FriendMapper.class).deleteBoth(userId, friendId);
            if (n > 0 && deleteHistory) {
                s.getMapper(FriendMapper.class).uncutHistory(userId, friendId);
                s.getMapper(FriendMapper.class).cutHistory(userId, friendId, cut);
            }
            return n;
        });
        if (removed == 0) {
            return ContactReply.refused("user " + friendId + " is not your friend");
        }
        notices.send(friendId, Ops.FRIEND_REMOVED, Map.of("userId", userId));
        log.atInfo().addKeyValue("userId", userId).log("user {} removed friend {}{}", userId, friendId,
                deleteHistory ? " and their history" : "");
        return ContactReply.ok(deleteHistory ? "friend removed, and your history with them deleted"
                : "friend removed");
    }

    /** Everything contacts holds about a deleted user; their friends are told (op 23). Logged, never thrown. */
    public void forget(long userId) {
        try {
            List<Long> former = db.with(FriendMapper.class, m -> m.friendIds(userId));
            db.inTransaction(s -> {
                s.getMapper(FriendMapper.class).forget(userId);
                s.getMapper(FriendMapper.class).forgetCuts(userId);
                s.getMapper(RequestMapper.class).forget(userId);
                s.getMapper(BlockMapper.class).forget(userId);
                s.getMapper(ProfileMapper.class).forget(userId);
                s.getMapper(NoticeMapper.class).forget(userId);
                return null;
            });
            for (long friend : former) {
                notices.send(friend, Ops.FRIEND_REMOVED, Map.of("userId", userId));
            }
            log.atInfo().addKeyValue("userId", userId).log("forgot the contacts of deleted user {} ({} friends told)",
                    userId, former.size());
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("userId", userId).log("could not forget the contacts of deleted user {}: {}",
                    userId, e.toString());
        }
    }

    /** The id up to which {@code userId} removed their 1:1 history with {@code peerId} (0 = none). */
    public long historyCut(long userId, long peerId) {
        Long cut = db.with(FriendMapper.class, m -> m.historyCut(userId, peerId));
        return cut == null ? 0 : cut;
    }

    private ProfileView viewOf(long viewerId, long userId) {
        ProfileRow row = db.with(ProfileMapper.class, m -> m.find(userId));
        return views.seenByOne(viewerId, row);
    }

    private String state(RequestRow r, long now) {
        if (PENDING.equals(r.getState()) && r.getCreatedAt() + requestTtl.toMillis() <= now) {
            return EXPIRED;
        }
        return r.getState();
    }

    private FriendRequestView view(RequestRow r, long now) {
        return new FriendRequestView(r.getId(), r.getFromUserId(), r.getFromUserName(), r.getToUserId(),
                r.getToUserName(), r.getNote(), state(r, now), r.getCreatedAt(), r.getCreatedAt() + requestTtl.toMillis());
    }
}
