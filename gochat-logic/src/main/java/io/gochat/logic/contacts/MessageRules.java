package io.gochat.logic.contacts;

import io.gochat.logic.message.PrivateMessageRules;
import io.gochat.logic.storage.UserDatabase;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The contacts rules on private messages: nobody writes to a user who blocked them, and with
 * {@code im.privateMessages=friends} only friends write to each other. One query per rule per batch.
 */
public final class MessageRules implements PrivateMessageRules {
    private final UserDatabase db;
    private final boolean friendsOnly;

    public MessageRules(UserDatabase db, boolean friendsOnly) {
        this.db = db;
        this.friendsOnly = friendsOnly;
    }

    @Override
    public Map<Pair, String> refusals(Collection<Pair> pairs) {
        Map<Pair, String> refused = new HashMap<>();
        if (pairs.isEmpty()) {
            return refused;
        }
        Set<Long> froms = new HashSet<>();
        Set<Long> tos = new HashSet<>();
        for (Pair p : pairs) {
            froms.add(p.from());
            tos.add(p.to());
        }
        Set<Pair> blocked = new HashSet<>();
        db.with(BlockMapper.class, m -> m.among(tos, froms)).forEach(r -> blocked.add(new Pair(r.getB(), r.getA())));
        Set<Pair> friends = new HashSet<>();
        if (friendsOnly) {
            db.with(FriendMapper.class, m -> m.among(froms, tos)).forEach(r -> friends.add(new Pair(r.getA(), r.getB())));
        }
        for (Pair p : pairs) {
            if (p.from() == p.to()) {
                continue;   // a note to oneself
            }
            if (blocked.contains(p)) {
                refused.put(p, "user " + p.to() + " has blocked you");
            } else if (friendsOnly && !friends.contains(p)) {
                refused.put(p, "user " + p.to() + " is not your friend: this server delivers private messages "
                        + "between friends only");
            }
        }
        return refused;
    }
}
