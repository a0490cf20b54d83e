package io.gochat.connect.room;

import io.netty.channel.Channel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A shard of the connections: its users' channels and its rooms. Membership is keyed by the channel
 * itself, so joining twice is a no-op and leaving removes exactly that channel. Adds and removes run
 * inside {@code compute} on the user or room key (atomic per key, no global lock); an empty set is
 * removed in the same step. Walks are weakly consistent iterations: they never spin and never see a
 * broken structure.
 */
public final class Bucket {
    private final Map<Long, Map<Channel, Member>> users = new ConcurrentHashMap<>();
    private final Map<Long, Map<Channel, Member>> rooms = new ConcurrentHashMap<>();

    public void join(Member member) {
        users.compute(member.userId(), (id, set) -> add(set, member));
        rooms.compute(member.roomId(), (id, set) -> add(set, member));
    }

    public void leave(Member member) {
        users.computeIfPresent(member.userId(), (id, set) -> remove(set, member));
        rooms.computeIfPresent(member.roomId(), (id, set) -> remove(set, member));
    }

    public void forEachOfUser(long userId, Consumer<Member> action) {
        forEach(users.get(userId), action);
    }

    public void forEachInRoom(long roomId, Consumer<Member> action) {
        forEach(rooms.get(roomId), action);
    }

    public int roomSize(long roomId) {
        Map<Channel, Member> set = rooms.get(roomId);
        return set == null ? 0 : set.size();
    }

    public int userChannels(long userId) {
        Map<Channel, Member> set = users.get(userId);
        return set == null ? 0 : set.size();
    }

    public int rooms() {
        return rooms.size();
    }

    public int users() {
        return users.size();
    }

    /** Every member of this bucket (a snapshot). */
    public List<Member> members() {
        return users.values().stream().map(Map::values).flatMap(Collection::stream).toList();
    }

    private static Map<Channel, Member> add(Map<Channel, Member> set, Member member) {
        Map<Channel, Member> target = set == null ? new ConcurrentHashMap<>(4) : set;
        target.put(member.channel(), member);
        return target;
    }

    private static Map<Channel, Member> remove(Map<Channel, Member> set, Member member) {
        set.remove(member.channel(), member);
        return set.isEmpty() ? null : set;
    }

    private static void forEach(Map<Channel, Member> set, Consumer<Member> action) {
        if (set != null) {
            set.values().forEach(action);
        }
    }
}
