package io.gochat.logic.contacts;

import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.service.ProfileView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns profile rows into what a viewer may see: the status shown is offline for users who are not
 * connected, who chose invisible, or who blocked the viewer (they also hide their last-seen time).
 * One database query (blocks) and one Redis round trip (presence) per list.
 */
public final class ProfileViews {
    private final UserDatabase db;
    private final LastSeen lastSeen;

    public ProfileViews(UserDatabase db, LastSeen lastSeen) {
        this.db = db;
        this.lastSeen = lastSeen;
    }

    /** Whether the user is connected, and when last seen. */
    public LastSeen.Seen presence(long userId) {
        return lastSeen.of(List.of(userId)).get(userId);
    }

    /** One's own profile: the status as chosen (invisible included). */
    public ProfileView own(ProfileRow row) {
        LastSeen.Seen seen = lastSeen.of(List.of(row.getUserId())).get(row.getUserId());
        return view(row, row.getStatus(), seen.lastSeen());
    }

    public ProfileView seenByOne(long viewerId, ProfileRow row) {
        return seenBy(viewerId, List.of(row)).get(0);
    }

    public List<ProfileView> seenBy(long viewerId, List<? extends ProfileRow> rows) {
        List<Long> ids = rows.stream().map(ProfileRow::getUserId).toList();
        Map<Long, LastSeen.Seen> seen = lastSeen.of(ids);
        Set<Long> blockedViewer = new HashSet<>();
        if (!ids.isEmpty()) {
            db.with(BlockMapper.class, m -> m.among(ids, List.of(viewerId))).forEach(p -> blockedViewer.add(p.getA()));
        }
        List<ProfileView> out = new ArrayList<>(rows.size());
        for (ProfileRow row : rows) {
            long id = row.getUserId();
            if (id == viewerId) {
                out.add(view(row, row.getStatus(), seen.get(id).lastSeen()));
            } else if (blockedViewer.contains(id)) {
                out.add(view(row, PresenceStatus.OFFLINE, 0));
            } else {
                out.add(seenByFriend(row, seen.get(id)));
            }
        }
        return out;
    }

    /** What someone who is not blocked sees, given the user's presence. */
    static ProfileView seenByFriend(ProfileRow row, LastSeen.Seen seen) {
        boolean invisible = PresenceStatus.INVISIBLE.equals(row.getStatus());
        return view(row, PresenceStatus.seen(row.getStatus(), seen.connected()), invisible ? 0 : seen.lastSeen());
    }

    private static ProfileView view(ProfileRow row, String status, long lastSeen) {
        return new ProfileView(row.getUserId(), row.getUserName(), row.getNickname(), row.getAvatarUrl(), row.getBio(),
                status, lastSeen);
    }
}
