package io.gochat.connect.room;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

/**
 * Which of this server's users are in which group, so that a group message costs one delivery per connect
 * server whatever the group's size. A user's groups are loaded from logic when a connection authenticates
 * and follow membership events (added, removed, dissolved) while the user has a connection here; they are
 * forgotten when the user's last connection here closes. Changes for one user run inside {@code compute}
 * on that user (atomic per user, no global lock).
 */
public final class GroupIndex {
    private final Map<Long, Set<Long>> usersByGroup = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> groupsByUser = new ConcurrentHashMap<>();
    private final LongPredicate connectedHere;

    /** @param connectedHere whether a user has a connection on this server now */
    public GroupIndex(LongPredicate connectedHere) {
        this.connectedHere = connectedHere;
    }

    /** The user's groups as logic listed them (added to what events already told). */
    public void load(long userId, Collection<Long> groupIds) {
        groupsByUser.compute(userId, (u, set) -> {
            if (!connectedHere.test(u)) {
                forget(u, set);
                return null;
            }
            Set<Long> groups = set == null ? ConcurrentHashMap.newKeySet() : set;
            for (Long g : groupIds) {
                if (g != null && groups.add(g)) {
                    index(g, u);
                }
            }
            return groups.isEmpty() ? null : groups;
        });
    }

    /** The user joined a group (an event from logic). */
    public void joined(long userId, long groupId) {
        load(userId, java.util.List.of(groupId));
    }

    /** The user is no longer in the group (left, removed). */
    public void left(long userId, long groupId) {
        groupsByUser.computeIfPresent(userId, (u, set) -> {
            if (set.remove(groupId)) {
                unindex(groupId, u);
            }
            return set.isEmpty() ? null : set;
        });
    }

    /** The group is gone (dissolved). */
    public void dropGroup(long groupId) {
        Set<Long> users = usersByGroup.remove(groupId);
        if (users != null) {
            users.forEach(u -> groupsByUser.computeIfPresent(u, (k, set) -> {
                set.remove(groupId);
                return set.isEmpty() ? null : set;
            }));
        }
    }

    /** A connection of the user closed: when it was the last one here, the user's groups are forgotten. */
    public void connectionClosed(long userId) {
        groupsByUser.computeIfPresent(userId, (u, set) -> {
            if (connectedHere.test(u)) {
                return set;
            }
            forget(u, set);
            return null;
        });
    }

    /** Every user of this server in the group. */
    public void forEachMember(long groupId, LongConsumer action) {
        Set<Long> users = usersByGroup.get(groupId);
        if (users != null) {
            users.forEach(action::accept);
        }
    }

    public boolean isMember(long userId, long groupId) {
        Set<Long> set = groupsByUser.get(userId);
        return set != null && set.contains(groupId);
    }

    /** Groups with at least one user here. */
    public int groups() {
        return usersByGroup.size();
    }

    private void forget(long userId, Set<Long> groups) {
        if (groups != null) {
            groups.forEach(g -> unindex(g, userId));
        }
    }

    private void index(long groupId, long userId) {
        usersByGroup.compute(groupId, (g, users) -> {
            Set<Long> set = users == null ? ConcurrentHashMap.newKeySet() : users;
            set.add(userId);
            return set;
        });
    }

    private void unindex(long groupId, long userId) {
        usersByGroup.computeIfPresent(groupId, (g, users) -> {
            users.remove(userId);
            return users.isEmpty() ? null : users;
        });
    }
}
