package io.gochat.connect.room;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** All buckets of a connect server; a user's channels all live in the bucket chosen by the user id. */
public final class Buckets {
    private final Bucket[] buckets;
    private final GroupIndex groups = new GroupIndex(userId -> userChannels(userId) > 0);

    public Buckets(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("bucket count must be positive");
        }
        buckets = new Bucket[count];
        for (int i = 0; i < count; i++) {
            buckets[i] = new Bucket();
        }
    }

    public Bucket of(long userId) {
        long h = userId * 0x9E3779B97F4A7C15L;
        return buckets[(int) Math.floorMod(h ^ (h >>> 32), (long) buckets.length)];
    }

    /** Which of this server's users are in which group. */
    public GroupIndex groups() {
        return groups;
    }

    public int size() {
        return buckets.length;
    }

    public void join(Member member) {
        of(member.userId()).join(member);
    }

    public void leave(Member member) {
        of(member.userId()).leave(member);
    }

    public void forEachOfUser(long userId, Consumer<Member> action) {
        of(userId).forEachOfUser(userId, action);
    }

    public void forEachInRoom(long roomId, Consumer<Member> action) {
        for (Bucket bucket : buckets) {
            bucket.forEachInRoom(roomId, action);
        }
    }

    public int roomCount(long roomId) {
        int count = 0;
        for (Bucket bucket : buckets) {
            count += bucket.roomSize(roomId);
        }
        return count;
    }

    public int userChannels(long userId) {
        return of(userId).userChannels(userId);
    }

    /** userId → userName of everyone in the room on this server. */
    public Map<Long, String> roomInfo(long roomId) {
        Map<Long, String> info = new HashMap<>();
        forEachInRoom(roomId, m -> info.put(m.userId(), m.userName()));
        return info;
    }

    /** Every member of every bucket (a snapshot). */
    public java.util.List<Member> members() {
        java.util.List<Member> all = new java.util.ArrayList<>();
        for (Bucket bucket : buckets) {
            all.addAll(bucket.members());
        }
        return all;
    }

    public int connections() {
        int n = 0;
        for (Bucket bucket : buckets) {
            n += bucket.members().size();
        }
        return n;
    }
}
