package io.gochat.logic.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.cluster.ids.Snowflake;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.json.Json;
import io.gochat.logic.message.PrivateMessageRules.Pair;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.logic.storage.UserRow;
import io.gochat.logic.user.UserNamePolicy;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.ContactReply;
import io.gochat.protocol.service.FriendRequestView;
import io.gochat.protocol.service.FriendView;
import io.gochat.protocol.service.ProfileReply;
import io.gochat.protocol.service.ProfileUpdate;
import io.gochat.protocol.service.ProfileView;
import io.gochat.redis.RedisConnector;
import io.gochat.redis.UserRoutes;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * Profiles, friends, requests, blocks and the private-message rules on every engine (real sqlite,
 * PostgreSQL and MariaDB, real Redis), each rule tried by someone it must refuse.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Engine.class)
class ContactsStorageTest {
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();
    @RegisterExtension
    static RedisExtension redisServer = new RedisExtension();

    @Parameter
    Engine engine;

    static TestDatabase testDb;
    static UserDatabase db;
    static UnifiedJedis redis;
    static MessageQueue queue;
    static LastSeen lastSeen;
    static ProfileViews views;
    static Profiles profiles;
    static Blocks blocks;
    static Friends friends;
    static final AtomicInteger NAMES = new AtomicInteger();

    @BeforeParameterizedClassInvocation
    static void open(Engine engine) {
        testDb = databases.create(engine);
        db = UserDatabase.open(testDb.url());
        redis = RedisConnector.open(GochatConfig.defaults().with("redis.url", redisServer.url()), 8);
        redis.flushDB();
        queue = new MessageQueue(redis, new QueueKeys("contacts_test_queue", 1));
        for (Class<?> m : new Class<?>[] {ProfileMapper.class, FriendMapper.class, RequestMapper.class,
                BlockMapper.class, NoticeMapper.class}) {
            db.addMapper(m);
        }
        Snowflake ids = new Snowflake(1);
        lastSeen = new LastSeen(redis);
        ContactNotices notices = new ContactNotices(db, queue, ids);
        views = new ProfileViews(db, lastSeen);
        blocks = new Blocks(db, views, notices);
        friends = new Friends(db, blocks, views, notices, ids, Duration.ofDays(7));
        profiles = new Profiles(db, views, notices);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        lastSeen.close();
        redis.close();
        db.close();
        testDb.close();
    }

    /** A new user with a unique name starting with {@code prefix}. */
    static long user(String prefix) {
        UserRow row = new UserRow(prefix + NAMES.incrementAndGet(), "x");
        row.setNameKey(UserNamePolicy.key(row.getUserName()));
        db.withUsers(m -> m.insert(row));
        return row.getId();
    }

    /** Marks the user connected (as presence does: a route to some connect server). */
    static void connect(long userId) {
        redis.hset(UserRoutes.key(userId), "connect-1", "1");
    }

    /** The notices queued to {@code userId} so far (bodies), oldest first. */
    static List<JsonNode> queuedTo(long userId) {
        List<JsonNode> out = new ArrayList<>();
        try {
            // one partition: the stream holds every notice in the order it was queued
            for (var entry : redis.xrange(queue.keys().stream(0), (redis.clients.jedis.StreamEntryID) null,
                    (redis.clients.jedis.StreamEntryID) null)) {
                JsonNode queued = Json.MAPPER.readTree(entry.getFields().get(MessageQueue.FIELD));
                if (queued.path("toUserId").asLong() == userId) {
                    out.add(Json.MAPPER.readTree(queued.path("body").asText()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static List<Integer> opsTo(long userId) {
        return queuedTo(userId).stream().map(n -> n.path("op").asInt()).toList();
    }

    static FriendRequestView onlyIncoming(long userId) {
        List<FriendRequestView> incoming = friends.requests(userId, "incoming").requests();
        assertEquals(1, incoming.size(), "incoming of " + userId + ": " + incoming);
        return incoming.get(0);
    }

    @Test
    void aProfileStartsEmptyAndOnlyValidChangesAreStored() {
        long ann = user("ann");
        ProfileView empty = profiles.own(ann).profile();
        assertEquals("", empty.nickname());
        assertEquals(PresenceStatus.ONLINE, empty.status());

        ProfileReply changed = profiles.update(ann, new ProfileUpdate(" Ａnnie ", "https://img.example/a.png", "hi\nthere", "busy"));
        assertEquals(0, changed.code(), changed.message());
        assertEquals("Annie", changed.profile().nickname(), "NFKC and trimmed");
        assertEquals("busy", profiles.own(ann).profile().status());
        assertEquals("hi\nthere", profiles.own(ann).profile().bio());

        assertEquals("avatarUrl must be an http or https URL",
                profiles.update(ann, new ProfileUpdate(null, "javascript:alert(1)", null, null)).message());
        assertEquals("nickname must be at most 40 characters",
                profiles.update(ann, new ProfileUpdate("n".repeat(41), null, null, null)).message());
        assertEquals("nickname must not contain control or invisible characters",
                profiles.update(ann, new ProfileUpdate("an\u202Ene", null, null, null)).message());
        assertEquals("status must be online, away, busy or invisible",
                profiles.update(ann, new ProfileUpdate(null, null, null, "offline")).message());
        assertEquals("Annie", profiles.own(ann).profile().nickname(), "a refused change stores nothing");
        assertEquals("https://img.example/a.png", profiles.own(ann).profile().avatarUrl());
        assertEquals("no user with id 999999", profiles.of(ann, 999_999).message());
    }

    @Test
    void anInvisibleUserShowsAsOfflineToOthersButAsInvisibleToThemselves() {
        long ivy = user("ivy");
        long viewer = user("viewer");
        connect(ivy);
        lastSeen.touch(ivy);
        assertEquals("online", profiles.of(viewer, ivy).profile().status());
        assertTrue(profiles.of(viewer, ivy).profile().lastSeen() > 0);
        profiles.update(ivy, new ProfileUpdate(null, null, null, "invisible"));
        ProfileView seen = profiles.of(viewer, ivy).profile();
        assertEquals("offline", seen.status());
        assertEquals(0, seen.lastSeen(), "an invisible user's last-seen time is hidden");
        assertEquals("invisible", profiles.own(ivy).profile().status());
        long away = user("away");
        assertEquals("offline", profiles.of(viewer, away).profile().status(), "no connection: offline");
    }

    @Test
    void usersAreFoundByNameOrNicknamePrefixCaseInsensitivelyAndPaged() {
        String tag = "srch" + NAMES.incrementAndGet();
        long a = user(tag + "a");
        long b = user(tag + "b");
        long c = user("other");
        profiles.update(c, new ProfileUpdate("SRCH" + tag.substring(4) + " nick", null, null, null));
        long viewer = user("viewer");
        List<Long> found = profiles.search(viewer, tag.toUpperCase(), 0, 10).users().stream().map(ProfileView::userId).toList();
        assertEquals(List.of(a, b, c), found, "by name key, and by nickname key");
        assertEquals(List.of(b), profiles.search(viewer, tag, 1, 1).users().stream().map(ProfileView::userId).toList());
        assertEquals(List.of(), profiles.search(viewer, "%", 0, 10).users(), "wildcards are taken literally");
        assertEquals(List.of(), profiles.search(viewer, "_", 0, 10).users());
        assertEquals("prefix is required", profiles.search(viewer, " ", 0, 10).message());
    }

    @Test
    void aRequestWithANoteReachesTheReceiverWhoAcceptsAndBothBecomeFriends() {
        long ana = user("ana");
        long ben = user("ben");
        ContactReply sent = friends.request(ana, ben, "I'm Ana from work");
        assertEquals(0, sent.code(), sent.message());
        FriendRequestView r = onlyIncoming(ben);
        assertEquals("I'm Ana from work", r.note());
        assertEquals("pending", r.state());
        assertEquals(ana, r.fromUserId());
        assertEquals(List.of(r.id()), friends.requests(ana, "outgoing").requests().stream().map(FriendRequestView::id).toList());
        assertEquals(1, friends.requests(ana, "pending").requests().size());
        assertEquals(List.of(Ops.FRIEND_REQUEST), opsTo(ben));
        assertEquals("I'm Ana from work", queuedTo(ben).get(0).path("request").path("note").asText());
        assertEquals(1, db.with(NoticeMapper.class, m -> m.latest(ben, 10)).size(), "the notice is stored too");

        assertEquals(0, friends.answer(ben, r.id(), true).code());
        assertTrue(friends.friends(ana, ben) && friends.friends(ben, ana), "both sides");
        assertEquals(List.of(Ops.FRIEND_ACCEPTED), opsTo(ana));
        assertEquals(List.of(), friends.requests(ben, "incoming").requests(), "no longer pending");
        assertEquals("friend request " + r.id() + " is accepted", friends.answer(ben, r.id(), true).message());
        assertEquals("user " + ben + " is already your friend", friends.request(ana, ben, "again").message());
        List<FriendView> list = friends.list(ana).friends();
        assertEquals(1, list.size());
        assertEquals(ben, list.get(0).user().userId());
        assertTrue(list.get(0).since() > 0);
    }

    @Test
    void onlyTheReceiverMayAnswerARequest() {
        long ana = user("ana");
        long ben = user("ben");
        long eve = user("eve");
        friends.request(ana, ben, "");
        long id = onlyIncoming(ben).id();
        assertEquals("friend request " + id + " is not addressed to you", friends.answer(eve, id, true).message());
        assertEquals("you cannot answer your own friend request", friends.answer(ana, id, true).message());
        assertEquals("no friend request 987654321", friends.answer(ben, 987_654_321, true).message());
        assertFalse(friends.friends(ana, eve) || friends.friends(ana, ben), "nothing changed");
        assertEquals("pending", onlyIncoming(ben).state());
    }

    @Test
    void aDeclinedRequestTellsTheSenderAndMakesNoFriends() {
        long ana = user("ana");
        long ben = user("ben");
        friends.request(ana, ben, "");
        long id = onlyIncoming(ben).id();
        assertEquals(0, friends.answer(ben, id, false).code());
        assertFalse(friends.friends(ana, ben));
        assertEquals(List.of(Ops.FRIEND_DECLINED), opsTo(ana));
        assertEquals("friend request " + id + " is declined", friends.answer(ben, id, true).message());
    }

    @Test
    void aMutualRequestIsAcceptedAtOnce() {
        long ana = user("ana");
        long ben = user("ben");
        friends.request(ana, ben, "hi");
        ContactReply back = friends.request(ben, ana, "hi back");
        assertEquals("you are now friends with user " + ana + " (they had asked you)", back.message());
        assertTrue(friends.friends(ana, ben) && friends.friends(ben, ana));
        assertEquals(List.of(), friends.requests(ana, "pending").requests());
        assertEquals(List.of(), friends.requests(ben, "pending").requests());
    }

    @Test
    void aRequestExpiresAfterTheConfiguredTime() {
        Friends shortLived = new Friends(db, blocks, views, new ContactNotices(db, queue, new Snowflake(2)),
                new Snowflake(3), Duration.ofSeconds(2));
        long ana = user("ana");
        long ben = user("ben");
        shortLived.request(ana, ben, "quick");
        long id = db.with(RequestMapper.class, m -> m.pending(ana, ben, 0)).getId();
        Eventually.await(Duration.ofSeconds(15), "the request expired",
                () -> shortLived.requests(ben, "incoming").requests().isEmpty());
        assertEquals("friend request " + id + " is expired", shortLived.answer(ben, id, true).message());
        assertFalse(shortLived.friends(ana, ben));
    }

    @Test
    void aRemarkIsTheOwnersAloneAndOnlyForFriends() {
        long ana = user("ana");
        long ben = user("ben");
        long eve = user("eve");
        befriend(ana, ben);
        assertEquals(0, friends.setRemark(ana, ben, "Benny (work)").code());
        assertEquals("Benny (work)", friends.list(ana).friends().get(0).remark());
        assertEquals("", friends.list(ben).friends().get(0).remark(), "the other side's remark is untouched");
        assertEquals("user " + ben + " is not your friend", friends.setRemark(eve, ben, "mine").message(),
                "a stranger cannot set a remark on someone");
        assertEquals("remark must be at most 40 characters", friends.setRemark(ana, ben, "r".repeat(41)).message());
    }

    @Test
    void removingAFriendRemovesBothSidesAndCanCutTheRemoversHistory() {
        long ana = user("ana");
        long ben = user("ben");
        befriend(ana, ben);
        assertEquals(0, friends.remove(ana, ben, true).code());
        assertFalse(friends.friends(ana, ben) || friends.friends(ben, ana));
        assertTrue(opsTo(ben).contains(Ops.FRIEND_REMOVED));
        assertTrue(friends.historyCut(ana, ben) > 0, "ana's history is cut");
        assertEquals(0, friends.historyCut(ben, ana), "ben keeps his");
        assertEquals("user " + ben + " is not your friend", friends.remove(ana, ben, false).message());
    }

    @Test
    void blockingEndsTheFriendshipAndRefusesRequestsMessagesAndStatus() {
        long ana = user("ana");
        long ben = user("ben");
        befriend(ana, ben);
        connect(ana);
        assertEquals("online", profiles.of(ben, ana).profile().status());
        assertEquals(0, blocks.block(ana, ben).code());
        assertFalse(friends.friends(ana, ben) || friends.friends(ben, ana), "blocking removes the friendship");
        assertTrue(opsTo(ben).contains(Ops.FRIEND_REMOVED));

        assertEquals("user " + ana + " has blocked you", friends.request(ben, ana, "please").message());
        assertEquals(List.of(), friends.requests(ana, "incoming").requests(), "no request reached ana");
        MessageRules anyone = new MessageRules(db, false);
        assertEquals(Map.of(new Pair(ben, ana), "user " + ana + " has blocked you"),
                anyone.refusals(List.of(new Pair(ben, ana), new Pair(ana, ben))), "only the blocked direction");
        ProfileView seen = profiles.of(ben, ana).profile();
        assertEquals("offline", seen.status(), "a blocked user sees the blocker offline");
        assertEquals(0, seen.lastSeen());
        assertEquals(List.of(ben), blocks.list(ana).users().stream().map(ProfileView::userId).toList());
        assertEquals("you have blocked user " + ben + "; unblock them first", friends.request(ana, ben, "").message());

        assertEquals(0, blocks.unblock(ana, ben).code());
        assertEquals(Map.of(), anyone.refusals(List.of(new Pair(ben, ana))));
        assertEquals("online", profiles.of(ben, ana).profile().status());
        assertEquals("user " + ben + " is not blocked", blocks.unblock(ana, ben).message());
        assertEquals("you cannot block yourself", blocks.block(ana, ana).message());
    }

    @Test
    void blockingDeclinesThePendingRequestsBetweenTheTwo() {
        long ana = user("ana");
        long ben = user("ben");
        friends.request(ben, ana, "hello");
        long id = onlyIncoming(ana).id();
        blocks.block(ana, ben);
        assertEquals("friend request " + id + " is declined", friends.answer(ana, id, true).message());
        assertFalse(friends.friends(ana, ben));
    }

    @Test
    void underTheFriendsOnlyPolicyOnlyFriendsMayWriteToEachOther() {
        long ana = user("ana");
        long ben = user("ben");
        long eve = user("eve");
        befriend(ana, ben);
        MessageRules friendsOnly = new MessageRules(db, true);
        Map<Pair, String> refused = friendsOnly.refusals(List.of(new Pair(ana, ben), new Pair(ben, ana),
                new Pair(eve, ana), new Pair(ana, eve)));
        assertEquals(2, refused.size(), refused.toString());
        assertTrue(refused.get(new Pair(eve, ana)).startsWith("user " + ana + " is not your friend"));
        assertTrue(refused.containsKey(new Pair(ana, eve)));
        assertNull(refused.get(new Pair(ana, ben)));
    }

    @Test
    void aDeletedUsersContactsAreForgottenAndTheirFriendsAreTold() {
        long ana = user("ana");
        long ben = user("ben");
        long eve = user("eve");
        befriend(ana, ben);
        friends.request(eve, ana, "hello");
        blocks.block(ana, user("spam"));
        profiles.update(ana, new ProfileUpdate("Ana", null, null, "busy"));
        friends.forget(ana);
        assertEquals(List.of(), friends.list(ben).friends(), "ben's side of the friendship is gone");
        assertTrue(opsTo(ben).contains(Ops.FRIEND_REMOVED));
        assertEquals(List.of(), friends.requests(eve, "outgoing").requests());
        assertEquals(List.of(), blocks.list(ana).users());
        assertEquals(List.of(), db.with(NoticeMapper.class, m -> m.latest(ana, 10)));
        assertEquals("", profiles.own(ana).profile().nickname(), "the profile row is gone (the user row is logic's)");
    }

    private static void befriend(long a, long b) {
        friends.request(a, b, "");
        ContactReply r = friends.request(b, a, "");
        assertEquals(0, r.code(), r.message());
    }
}
