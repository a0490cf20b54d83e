package io.gochat.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.e2e.SampledClient.Endpoint;
import io.gochat.testkit.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The message sampler of issue #17: users on real WebSocket and TCP connections send numbered messages, each with
 * its own {@code clientMsgId}, to rooms, to each other (1:1) and to groups, over HTTP and over their sockets, and
 * retry a send that failed as a real client does (the same {@code clientMsgId} again). Every message frame any
 * client gets is recorded. A {@link Phase} (one fault) ends with a wait for deliveries, then with the catch-up a
 * client does after trouble ({@code /history/since}, {@code /history/room}, {@code /group/history}: the
 * at-least-once-within-history model), and its {@link Row} counts: sent, accepted, delivered live, recovered by
 * the catch-up, duplicates (the same {@code msgId} twice at one recipient, and, after dropping those, the same
 * message under two {@code msgId}s) and lost (accepted, but missing at a recipient even after the catch-up).
 *
 * <p>Group sends go over HTTP only ({@code /group/send}), with their {@code clientMsgId} like the others.
 */
final class DeliverySampler implements AutoCloseable {
    enum Kind { ROOM, PRIVATE, GROUP }

    enum Via { HTTP, SOCKET }

    /** How long a socket send must go without an error frame, on a connection that stays up, to count as accepted (more than rpc.timeout). */
    static final Duration SOCKET_QUIET = Duration.ofSeconds(6);
    /** A sender gives a message up after this (counted as not accepted). */
    static final Duration GIVE_UP = Duration.ofSeconds(90);

    final class User {
        final String name;
        final long id;
        final long room;
        final Set<Long> groups = new HashSet<>();
        final SampledClient client;
        final Queue<Sample> socketPending = new ConcurrentLinkedQueue<>();
        volatile boolean errorSeen;
        private int turn;

        User(String name, String token, long id, long room, List<Endpoint> endpoints) {
            this.name = name;
            this.id = id;
            this.room = room;
            this.client = new SampledClient(name, token, room, endpoints, () -> login(name), this::received,
                    () -> errorSeen = true);
        }

        private void received(JsonNode frame) {
            String text = frame.path("msg").asText("");
            if (text.startsWith(PREFIX)) {
                lastReceipt = System.nanoTime();
                receipts.computeIfAbsent(text.substring(PREFIX.length()), k -> new ConcurrentLinkedQueue<>())
                        .add(new Receipt(name, frame.path("msgId").asLong(), System.nanoTime(), true));
            }
        }
    }

    record Receipt(String user, long msgId, long at, boolean live) {
    }

    static final class Sample {
        final String id;
        final int phase;
        final Kind kind;
        final Via via;
        final User from;
        final long target;
        final Set<String> recipients;
        final long firstTry = System.nanoTime();
        volatile long acceptedAt;   // 0 = not (yet) accepted
        volatile long writtenAt;
        volatile int writtenGeneration;
        volatile boolean resend;
        volatile boolean gaveUp;
        final AtomicInteger attempts = new AtomicInteger();
        volatile String lastRefusal = "";

        Sample(String id, int phase, Kind kind, Via via, User from, long target, Set<String> recipients) {
            this.id = id;
            this.phase = phase;
            this.kind = kind;
            this.via = via;
            this.from = from;
            this.target = target;
            this.recipients = recipients;
        }
    }

    /** One fault's row of the results table. */
    record Row(String fault, int sent, int accepted, int expected, int live, int bySync, int dupRaw, int dupIds,
               int lost, int lostDeliveries, double outageS, double recoveryS, double maxLatencyS,
               Map<Kind, int[]> perKind, List<String> lostExamples, int reconnects) {
        String markdown() {
            return String.format(java.util.Locale.ROOT, "| %s | %d | %d | %d | %d | %d (%s) | %d | %d | %d | %.1f | %s | %.1f |",
                    fault, sent, accepted, expected, live, bySync, byCatchUp(), dupRaw, dupIds, lost, outageS,
                    recoveryS < 0 ? "—" : String.format(java.util.Locale.ROOT, "%.1f", recoveryS), maxLatencyS);
        }

        /** The deliveries that only the catch-up brought, per class: {@code room 0/300, private 0/100, group 12/400}. */
        String byCatchUp() {
            StringBuilder b = new StringBuilder();
            perKind.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k.name().toLowerCase()).append(' ')
                    .append(v[4]).append('/').append(v[5]));
            return b.toString();
        }

        String perKindText() {
            StringBuilder b = new StringBuilder();
            perKind.forEach((k, v) -> b.append(k.name().toLowerCase()).append(": sent ").append(v[0]).append(", accepted ")
                    .append(v[1]).append(", deliveries due ").append(v[5]).append(", by catch-up ").append(v[4])
                    .append(", lost ").append(v[2]).append(", two msgIds ").append(v[3]).append("; "));
            return b.toString();
        }
    }

    static final String HEADER = "| fault | sent | accepted | deliveries due | delivered live | recovered by catch-up (per class) "
            + "| duplicates (same msgId) | duplicates (two msgIds) | lost | outage s | recovery s | max latency s |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|";

    private static final String PREFIX = "smp ";

    private final ApiClient api;
    private final List<User> users = new ArrayList<>();
    private final Map<Long, List<User>> roomMembers = new LinkedHashMap<>();
    private final Map<Long, List<User>> groupMembers = new LinkedHashMap<>();
    private final Map<String, Queue<Receipt>> receipts = new ConcurrentHashMap<>();
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private final AtomicInteger phases = new AtomicInteger();
    private final Duration interval;
    private volatile Phase current;
    private volatile long lastReceipt;
    /** The wait for deliveries ends early once nothing has arrived for this long. */
    static final Duration QUIET = Duration.ofSeconds(8);

    /**
     * @param api      the cluster's HTTP API
     * @param interval the pause between one user's sends (with 12 users, 600 ms is 20 messages a second)
     */
    DeliverySampler(ApiClient api, Duration interval) {
        this.api = api;
        this.interval = interval;
    }

    /** Registers a user (logging in when it exists) and connects it to {@code room} on its home endpoint first. */
    User user(String name, long room, List<Endpoint> endpoints) {
        String token = Eventually.awaitValue(Duration.ofSeconds(180), "a token for " + name, () -> {
            try {
                return login(name);
            } catch (RuntimeException | AssertionError busy) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));   // logic is busy hashing: back off
                return null;
            }
        });
        User u = new User(name, token, api.userId(token), room, endpoints);
        users.add(u);
        roomMembers.computeIfAbsent(room, r -> new ArrayList<>()).add(u);
        return u;
    }

    /** An open group of {@code members}, the first its owner; each member waits for its {@code added} event. */
    long group(String name, List<User> members) {
        User owner = members.get(0);
        JsonNode created = api.post("/group/create", "authToken", owner.client.token(), "name", name, "joinPolicy", "open");
        if (created.path("code").asInt() != 0) {
            throw new AssertionError("group not created: " + created);
        }
        long gid = created.get("data").get("groupId").asLong();
        for (User m : members.subList(1, members.size())) {
            JsonNode joined = api.post("/group/join", "authToken", m.client.token(), "groupId", gid);
            if (joined.path("code").asInt() != 0) {
                throw new AssertionError(m.name + " did not join group " + gid + ": " + joined);
            }
        }
        members.forEach(m -> m.groups.add(gid));
        groupMembers.put(gid, List.copyOf(members));
        return gid;
    }

    List<User> users() {
        return List.copyOf(users);
    }

    /**
     * Waits until every client is connected and authenticated, and recorded in its room by presence
     * ({@code roomMembers}: a room's member user ids as presence records them).
     */
    void awaitReady(Duration timeout, java.util.function.LongFunction<Set<String>> presence) {
        Eventually.await(timeout, () -> "every sampled client connected: " + notReady(), () -> notReady().isEmpty());
        Eventually.await(timeout, () -> "every sampled client recorded in its room: " + notInRoom(presence),
                () -> notInRoom(presence).isEmpty());
    }

    private List<String> notInRoom(java.util.function.LongFunction<Set<String>> presence) {
        List<String> out = new ArrayList<>();
        roomMembers.forEach((room, members) -> {
            Set<String> recorded = presence.apply(room);
            members.stream().filter(u -> !recorded.contains(String.valueOf(u.id))).forEach(u -> out.add(u.name));
        });
        return out;
    }

    private List<String> notReady() {
        return users.stream().filter(u -> !u.client.ready()).map(u -> u.name).toList();
    }

    /** Starts sending (every user on its own thread) for a fault called {@code fault}. */
    Phase begin(String fault) {
        Phase p = new Phase(fault, phases.incrementAndGet());
        current = p;
        for (User u : users) {
            Thread t = new Thread(() -> p.sendLoop(u), "sender-" + u.name);
            t.setDaemon(true);
            p.threads.add(t);
            t.start();
        }
        return p;
    }

    /** One fault's span: sending starts at {@link #begin}, and {@link #finish} counts. */
    final class Phase {
        final String fault;
        final int index;
        final List<Thread> threads = new ArrayList<>();
        volatile boolean sending = true;
        volatile long faultStart;
        volatile long faultEnd;
        private final AtomicInteger numbers = new AtomicInteger();
        private final Map<String, Integer> reconnectsAtStart = new HashMap<>();

        Phase(String fault, int index) {
            this.fault = fault;
            this.index = index;
            users.forEach(u -> reconnectsAtStart.put(u.name, u.client.reconnects.get()));
        }

        void faultStarts() {
            faultStart = System.nanoTime();
        }

        void faultEnds() {
            faultEnd = System.nanoTime();
        }

        /** Lets the sampler run for {@code d}: the load before and after the fault (a duration, not a wait for something). */
        void run(Duration d) {
            LockSupport.parkNanos(d.toNanos());
        }

        private void sendLoop(User u) {
            while (sending || !u.socketPending.isEmpty()) {
                long started = System.nanoTime();
                settleSocketSends(u);
                if (sending) {
                    Sample s = next(u);
                    if (s.via == Via.HTTP) {
                        sendHttp(s);
                    } else {
                        u.socketPending.add(s);
                        s.resend = true;
                        settleSocketSends(u);
                    }
                }
                long left = interval.toNanos() - (System.nanoTime() - started);
                if (left > 0) {
                    LockSupport.parkNanos(left);   // the sender's pace
                }
            }
        }

        private Sample next(User u) {
            Kind[] kinds = {Kind.ROOM, Kind.PRIVATE, Kind.GROUP, Kind.ROOM, Kind.PRIVATE, Kind.GROUP};
            Via[] vias = {Via.HTTP, Via.SOCKET, Via.HTTP, Via.SOCKET, Via.HTTP, Via.HTTP};
            int t = u.turn++;
            Kind kind = kinds[t % kinds.length];
            Via via = vias[t % vias.length];
            String id = index + "-" + numbers.incrementAndGet();
            Set<String> to = new HashSet<>();
            long target;
            switch (kind) {
                case ROOM -> {
                    target = u.room;
                    roomMembers.get(u.room).forEach(m -> to.add(m.name));
                }
                case PRIVATE -> {
                    int me = users.indexOf(u);
                    User peer = users.get((me + 1 + (t / kinds.length) % (users.size() - 1)) % users.size());
                    target = peer.id;
                    to.add(peer.name);
                }
                default -> {
                    List<Long> mine = new ArrayList<>(u.groups);
                    target = mine.get(t % mine.size());
                    groupMembers.get(target).forEach(m -> to.add(m.name));
                }
            }
            to.remove(u.name);
            Sample s = new Sample(id, index, kind, via, u, target, Set.copyOf(to));
            samples.put(id, s);
            return s;
        }

        private void sendHttp(Sample s) {
            User u = s.from;
            String text = PREFIX + s.id;
            long backoff = 100;
            while (System.nanoTime() - s.firstTry < GIVE_UP.toNanos()) {
                s.attempts.incrementAndGet();
                if (u.client.refreshToken()) {
                    String token = u.client.token();
                    JsonNode r = switch (s.kind) {
                        case ROOM -> safePost("/push/pushRoom", "authToken", token, "msg", text, "roomId", s.target,
                                "clientMsgId", s.id);
                        case PRIVATE -> safePost("/push/push", "authToken", token, "msg", text,
                                "toUserId", String.valueOf(s.target), "clientMsgId", s.id);
                        case GROUP -> safePost("/group/send", "authToken", token, "groupId", s.target, "msg", text,
                                "clientMsgId", s.id);
                    };
                    if (r != null && r.path("code").asInt() == 0) {
                        s.acceptedAt = System.nanoTime();
                        return;
                    }
                    s.lastRefusal = r == null ? "no answer" : r.toString();
                    if (r != null && r.path("code").asInt() == 40000) {
                        u.client.tokenRefused();
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));   // a client backs off before a retry
                backoff = Math.min(backoff * 2, 2_000);
            }
            s.gaveUp = true;
        }

        /** Writes socket sends due (again), and accepts those that went {@link #SOCKET_QUIET} without an error. */
        private void settleSocketSends(User u) {
            if (u.errorSeen) {
                u.errorSeen = false;
                u.socketPending.forEach(s -> s.resend = true);   // an error answers one of them: which, a client cannot tell
            }
            SampledClient c = u.client;
            for (Sample s : u.socketPending) {
                long now = System.nanoTime();
                if (now - s.firstTry > GIVE_UP.toNanos()) {
                    s.gaveUp = true;
                    u.socketPending.remove(s);
                } else if (!s.resend && s.writtenGeneration != c.generation()) {
                    s.resend = true;   // written on a connection that is gone: it may never have arrived
                } else if (s.resend && c.ready()) {
                    s.resend = false;
                    s.writtenGeneration = c.generation();
                    s.writtenAt = now;
                    s.attempts.incrementAndGet();
                    String text = PREFIX + s.id;
                    c.write(s.kind == Kind.ROOM
                            ? "{\"op\":3,\"msg\":\"" + text + "\",\"clientMsgId\":\"" + s.id + "\"}"
                            : "{\"op\":2,\"toUserId\":\"" + s.target + "\",\"msg\":\"" + text + "\",\"clientMsgId\":\"" + s.id + "\"}");
                } else if (!s.resend && now - s.writtenAt > SOCKET_QUIET.toNanos() && c.ready()) {
                    s.acceptedAt = s.writtenAt;
                    u.socketPending.remove(s);
                }
            }
        }

        /**
         * Stops sending (messages under way are still retried until accepted or given up), waits up to {@code deliveryWait}
         * for every accepted message to reach every recipient, then lets each client catch up over HTTP, and counts.
         */
        Row finish(Duration deliveryWait) {
            sending = false;
            for (Thread t : threads) {
                try {
                    t.join(GIVE_UP.toMillis() + 10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<Sample> mine = samples.values().stream().filter(s -> s.phase == index).toList();
            long stopped = System.nanoTime();
            long waitUntil = stopped + deliveryWait.toNanos();
            while (System.nanoTime() < waitUntil && !missingLive(mine).isEmpty()
                    && System.nanoTime() - Math.max(stopped, lastReceipt) < QUIET.toNanos()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));   // deliveries are polled
            }
            catchUp();
            return count(mine);
        }

        private Set<String> missingLive(List<Sample> mine) {
            Set<String> out = new HashSet<>();
            for (Sample s : mine) {
                if (s.acceptedAt == 0) {
                    continue;
                }
                Set<String> got = new HashSet<>();
                receipts.getOrDefault(s.id, new ConcurrentLinkedQueue<>()).forEach(r -> got.add(r.user()));
                if (!got.containsAll(s.recipients)) {
                    out.add(s.id);
                }
            }
            return out;
        }

        /** What a client does after trouble: reads back what it may have missed, per conversation. */
        private void catchUp() {
            String tag = PREFIX + index + "-";
            Set<User> left = new java.util.LinkedHashSet<>(users);
            Eventually.await(Duration.ofSeconds(150), () -> "every client caught up over HTTP; not yet: "
                    + left.stream().map(u -> u.name).toList(), () -> {
                left.removeIf(u -> catchUp(u, tag));
                return left.isEmpty();
            });
        }

        private boolean catchUp(User u, String tag) {
            if (!u.client.refreshToken()) {
                return false;
            }
            String token = u.client.token();
            List<JsonNode> got = new ArrayList<>();
            if (!pageForward(u, "/history/since", got, "authToken", token)
                    || !pageBack(u, "/history/room", tag, got, "authToken", token, "roomId", u.room)) {
                return false;
            }
            for (long g : u.groups) {
                if (!pageBack(u, "/group/history", tag, got, "authToken", token, "groupId", g)) {
                    return false;
                }
            }
            long now = System.nanoTime();
            for (JsonNode m : got) {
                String text = m.path("msg").asText("");
                if (text.startsWith(tag)) {
                    receipts.computeIfAbsent(text.substring(PREFIX.length()), k -> new ConcurrentLinkedQueue<>())
                            .add(new Receipt(u.name, m.path("msgId").asLong(), now, false));
                }
            }
            return true;
        }

        private boolean pageForward(User u, String route, List<JsonNode> out, Object... fields) {
            long since = 0;
            for (int page = 0; page < 100; page++) {
                JsonNode r = withPaging(route, fields, "sinceId", since);
                if (!ok(u, r)) {
                    return false;
                }
                JsonNode data = r.get("data");
                if (data.isEmpty()) {
                    return true;
                }
                data.forEach(out::add);
                since = data.get(data.size() - 1).path("msgId").asLong();
            }
            return true;
        }

        private boolean pageBack(User u, String route, String tag, List<JsonNode> out, Object... fields) {
            Long before = null;
            for (int page = 0; page < 50; page++) {
                JsonNode r = before == null ? withPaging(route, fields) : withPaging(route, fields, "beforeId", before);
                if (!ok(u, r)) {
                    return false;
                }
                JsonNode data = r.get("data");
                if (data.isEmpty()) {
                    return true;
                }
                boolean older = false;
                for (JsonNode m : data) {
                    out.add(m);
                    String text = m.path("msg").asText("");
                    older |= text.startsWith(PREFIX) && !text.startsWith(tag);
                }
                if (older) {
                    return true;   // pages reach back before this phase
                }
                before = data.get(0).path("msgId").asLong();
            }
            return true;
        }

        private JsonNode withPaging(String route, Object[] fields, Object... more) {
            Object[] all = new Object[fields.length + more.length + 2];
            System.arraycopy(fields, 0, all, 0, fields.length);
            System.arraycopy(more, 0, all, fields.length, more.length);
            all[all.length - 2] = "limit";
            all[all.length - 1] = 200;
            return safePost(route, all);
        }

        private boolean ok(User u, JsonNode r) {
            if (r == null) {
                return false;
            }
            if (r.path("code").asInt() == 40000) {
                u.client.tokenRefused();
            }
            return r.path("code").asInt() == 0 && r.has("data") && r.get("data").isArray();
        }

        private Row count(List<Sample> mine) {
            int accepted = 0;
            int expected = 0;
            int live = 0;
            int bySync = 0;
            int dupRaw = 0;
            int dupIds = 0;
            int lost = 0;
            int lostDeliveries = 0;
            long maxLatency = 0;
            long recoveredAt = faultEnd;
            Map<Kind, long[]> firstAfter = new HashMap<>();   // kind -> {acceptedAt, completeAt} of the first accepted after the fault
            Map<Kind, int[]> perKind = new java.util.TreeMap<>();
            List<String> lostExamples = new ArrayList<>();
            for (Sample s : mine) {
                int[] k = perKind.computeIfAbsent(s.kind, x -> new int[6]);
                k[0]++;
                List<Receipt> rs = new ArrayList<>(receipts.getOrDefault(s.id, new ConcurrentLinkedQueue<>()));
                Map<String, Set<Long>> idsBy = new HashMap<>();
                Map<String, Long> firstLive = new HashMap<>();
                Map<String, Integer> liveCount = new HashMap<>();
                for (Receipt r : rs) {
                    if (!s.recipients.contains(r.user())) {
                        continue;
                    }
                    idsBy.computeIfAbsent(r.user(), x -> new HashSet<>()).add(r.msgId());
                    if (r.live()) {
                        firstLive.merge(r.user(), r.at(), Math::min);
                        liveCount.merge(r.user() + "|" + r.msgId(), 1, Integer::sum);
                    }
                }
                for (int n : liveCount.values()) {
                    dupRaw += n - 1;
                }
                for (Set<Long> ids : idsBy.values()) {
                    dupIds += ids.size() - 1;
                    k[3] += ids.size() - 1;
                }
                if (s.acceptedAt == 0) {
                    continue;
                }
                accepted++;
                k[1]++;
                expected += s.recipients.size();
                k[5] += s.recipients.size();
                boolean allLive = true;
                long completeAt = 0;
                for (String who : s.recipients) {
                    Long at = firstLive.get(who);
                    if (at != null) {
                        live++;
                        maxLatency = Math.max(maxLatency, at - s.acceptedAt);
                        completeAt = Math.max(completeAt, at);
                    } else {
                        allLive = false;
                        if (idsBy.containsKey(who)) {
                            bySync++;
                            k[4]++;
                        } else {
                            lostDeliveries++;
                        }
                    }
                }
                if (!idsBy.keySet().containsAll(s.recipients)) {
                    lost++;
                    k[2]++;
                    if (lostExamples.size() < 8) {
                        Set<String> lacking = new HashSet<>(s.recipients);
                        lacking.removeAll(idsBy.keySet());
                        lostExamples.add(s.id + " " + s.kind + "/" + s.via + " from " + s.from.name + " lacking at " + lacking
                                + " (accepted " + ms(s.acceptedAt - phaseStartNanos()) + " ms into the phase, "
                                + s.attempts.get() + " tries)");
                    }
                }
                if (allLive && faultEnd != 0) {
                    if (s.acceptedAt < faultEnd) {
                        recoveredAt = Math.max(recoveredAt, completeAt);
                    } else {
                        long[] f = firstAfter.get(s.kind);
                        if (f == null || s.acceptedAt < f[0]) {
                            firstAfter.put(s.kind, new long[] {s.acceptedAt, completeAt});
                        }
                    }
                }
            }
            boolean flowing = firstAfter.size() == Kind.values().length;
            for (long[] f : firstAfter.values()) {
                recoveredAt = Math.max(recoveredAt, f[1]);
            }
            int reconnects = users.stream().mapToInt(u -> u.client.reconnects.get() - reconnectsAtStart.get(u.name)).sum();
            return new Row(fault, mine.size(), accepted, expected, live, bySync, dupRaw, dupIds, lost, lostDeliveries,
                    faultEnd == 0 ? 0 : (faultEnd - faultStart) / 1e9, flowing ? (recoveredAt - faultEnd) / 1e9 : -1,
                    maxLatency / 1e9, perKind, lostExamples, reconnects);
        }

        private long phaseStartNanos() {
            return threads.isEmpty() ? 0 : samples.values().stream().filter(s -> s.phase == index)
                    .mapToLong(s -> s.firstTry).min().orElse(0);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * One login as an app makes it after its session was refused (Redis lost the tokens): log in, or register if the
     * account is not there; throws while the api or logic cannot answer (the caller backs off and tries again).
     */
    private String login(String name) {
        JsonNode r = api.post("/user/login", "userName", name, "passWord", "secret-" + name);
        if (r.path("code").asInt() != 0 && r.path("message").asText().startsWith("no this user")) {
            r = api.post("/user/register", "userName", name, "passWord", "secret-" + name);
        }
        if (r.path("code").asInt() != 0) {
            throw new IllegalStateException("no token for " + name + " yet: " + r);
        }
        return r.get("data").asText();
    }

    /** A POST that answers null instead of failing when the api is down or times out. */
    JsonNode safePost(String path, Object... keyValues) {
        try {
            return api.post(path, keyValues);
        } catch (AssertionError | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        Phase p = current;
        if (p != null) {
            p.sending = false;
        }
        users.forEach(u -> u.client.close());
    }
}
