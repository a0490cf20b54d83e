package io.gochat.logic.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.cluster.ids.Snowflake;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.json.Json;
import io.gochat.logic.TestLogic;
import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.history.HistoryService;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.history.QueueAfterStore;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.logic.user.AccountService;
import io.gochat.logic.user.PasswordHasher;
import io.gochat.protocol.service.GroupReply;
import io.gochat.protocol.service.GroupSpec;
import io.gochat.protocol.service.HistoryQuery;
import io.gochat.protocol.service.HistoryReply;
import io.gochat.protocol.service.PushReply;
import io.gochat.redis.RedisConnector;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.testkit.RedisExtension;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.UnifiedJedis;

/**
 * Groups on every engine, against real Redis: each test tries to break one rule (a member kicking, an admin
 * removing the owner, a banned user rejoining, a muted member sending, a non-member reading history, an
 * invite-only join, one member too many) and checks the refusal, that nothing changed and nothing was queued.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Engine.class)
class GroupRulesTest {
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();
    @RegisterExtension
    static RedisExtension redisServer = new RedisExtension();

    static final int MAX_MEMBERS = 6;

    @Parameter
    Engine engine;

    static TestDatabase testDb;
    static UserDatabase db;
    static UnifiedJedis redis;
    static MessageQueue queue;
    static MessageWriter store;
    static BlockingWork work;
    static GroupServiceImpl groups;
    static AccountService accounts;
    static int round;

    @BeforeParameterizedClassInvocation
    static void open(Engine engine) {
        testDb = databases.create(engine);
        db = UserDatabase.open(testDb.url());
        redis = RedisConnector.open(GochatConfig.defaults().with("redis.url", redisServer.url()), 8);
        accounts = new AccountService(db, new SessionStore(redis, Duration.ofMinutes(5)),
                new PasswordHasher(TestLogic.FAST_HASH_ITERATIONS));
        queue = new MessageQueue(redis, new QueueKeys("groups_test_" + engine.name(), 1));
        store = new MessageWriter(db, 1000, MessageWriter.storedAsIsOr(batch -> {
            throw new IllegalStateException("only stored messages here");
        }), new QueueAfterStore(redis, queue));
        work = new BlockingWork("groups-test", 4, 1000);
        groups = new GroupServiceImpl(work, db, accounts, store, queue, new Snowflake(1), new HistoryService(db, redis),
                user -> null, MAX_MEMBERS);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        work.close();
        store.close();
        redis.close();
        db.close();
        testDb.close();
    }

    /** A new user (names differ per test, the database is shared by the tests of one engine). */
    static long user(String name) {
        String unique = name + (++round);
        assertEquals(0, accounts.register(unique, "pw").code());
        return db.withUsers(m -> m.findByName(unique)).getId();
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    static long create(long owner, String policy, int limit) throws Exception {
        GroupReply r = get(groups.create(owner, new GroupSpec("Tea " + round, "", "hello", policy, limit)));
        assertEquals(0, r.code(), r.message());
        return Json.MAPPER.readTree(r.data()).get("groupId").asLong();
    }

    static void ok(CompletableFuture<GroupReply> call) throws Exception {
        GroupReply r = get(call);
        assertEquals(0, r.code(), r.message());
    }

    static void refused(String expected, CompletableFuture<GroupReply> call) throws Exception {
        GroupReply r = get(call);
        assertEquals(1, r.code(), "refused");
        assertEquals(expected, r.message());
    }

    static JsonNode members(long asUser, long groupId) throws Exception {
        GroupReply r = get(groups.members(asUser, groupId));
        assertEquals(0, r.code(), r.message());
        return Json.MAPPER.readTree(r.data());
    }

    static String role(long asUser, long groupId, long userId) throws Exception {
        for (JsonNode m : members(asUser, groupId)) {
            if (m.get("userId").asLong() == userId) {
                return m.get("role").asText();
            }
        }
        return null;
    }

    @Test
    void anOwnerCreatesAGroupAndFindsItAmongTheirGroupsAsOwner() throws Exception {
        long ann = user("ann");
        long g = create(ann, "open", 0);
        JsonNode mine = Json.MAPPER.readTree(get(groups.mine(ann)).data());
        assertEquals(1, mine.size());
        assertEquals(g, mine.get(0).get("groupId").asLong());
        assertEquals("owner", mine.get(0).get("myRole").asText());
        assertEquals(MAX_MEMBERS, mine.get(0).get("memberLimit").asInt(), "the configured default");
        assertEquals(List.of(g), get(groups.groupsOf(ann)));
        refused("memberLimit must be at most " + MAX_MEMBERS,
                groups.create(ann, new GroupSpec("Big", "", "", "open", MAX_MEMBERS + 1)));
        refused("name is required", groups.create(ann, new GroupSpec("  ", "", "", "open", 0)));
        refused("joinPolicy must be open, approval or invite", groups.create(ann, new GroupSpec("x", "", "", "secret", 0)));
        refused("avatar must be an http or https URL", groups.create(ann, new GroupSpec("x", "javascript:alert(1)", "", null, 0)));
    }

    @Test
    void aMemberCannotKickMuteEditInviteOrDissolve() throws Exception {
        long ann = user("ann");
        long bob = user("bob");
        long cat = user("cat");
        long g = create(ann, "open", 0);
        ok(groups.join(bob, g, ""));
        ok(groups.join(cat, g, ""));
        long queued = queue.length();
        refused("you are not an admin of group " + g, groups.kick(bob, g, cat, false));
        refused("you are not an admin of group " + g, groups.mute(bob, g, cat, 60));
        refused("you are not an admin of group " + g, groups.edit(bob, g, new GroupSpec("mine now", null, null, null, 0)));
        refused("you are not an admin of group " + g, groups.invite(bob, g, user("dan")));
        refused("you are not an admin of group " + g, groups.muteAll(bob, g, true));
        refused("only the owner of group " + g + " may do that", groups.dissolve(bob, g));
        refused("only the owner of group " + g + " may do that", groups.setRole(bob, g, bob, "admin"));
        refused("only the owner of group " + g + " may do that", groups.transfer(bob, g, bob));
        assertEquals(3, members(ann, g).size(), "nobody was removed");
        assertEquals(queued, queue.length(), "no event was queued");
    }

    @Test
    void anAdminCannotRemoveOrMuteTheOwnerNorAnotherAdminButTheOwnerCan() throws Exception {
        long ann = user("ann");
        long bob = user("bob");
        long cat = user("cat");
        long dan = user("dan");
        long g = create(ann, "open", 0);
        for (long u : List.of(bob, cat, dan)) {
            ok(groups.join(u, g, ""));
        }
        ok(groups.setRole(ann, g, bob, "admin"));
        ok(groups.setRole(ann, g, cat, "admin"));
        refused("you cannot remove the owner of group " + g, groups.kick(bob, g, ann, true));
        refused("only the owner of group " + g + " may remove an admin", groups.kick(bob, g, cat, false));
        refused("you cannot mute the owner of group " + g, groups.mute(bob, g, ann, 60));
        refused("only the owner of group " + g + " may mute an admin", groups.mute(bob, g, cat, 60));
        refused("the owner of group " + g + " changes only by a transfer", groups.setRole(ann, g, ann, "member"));
        assertEquals("owner", role(ann, g, ann));
        ok(groups.kick(bob, g, dan, false));   // an admin removes a member
        ok(groups.kick(ann, g, cat, false));   // the owner removes an admin
        assertEquals(2, members(ann, g).size());
        refused("you are not a member of group " + g, groups.members(cat, g));
        ok(groups.setRole(ann, g, bob, "member"));
        refused("you are not an admin of group " + g, groups.kick(bob, g, ann, false));
    }

    @Test
    void aKickedAndBannedUserCannotRejoinNorBeInvitedUntilUnbanned() throws Exception {
        long ann = user("ann");
        long bob = user("bob");
        long g = create(ann, "open", 0);
        ok(groups.join(bob, g, ""));
        ok(groups.kick(ann, g, bob, true));
        assertEquals(List.of(), get(groups.groupsOf(bob)));
        refused("you are banned from group " + g, groups.join(bob, g, "please"));
        refused("user " + bob + " is banned from group " + g + "; unban them first", groups.invite(ann, g, bob));
        assertEquals(1, members(ann, g).size());
        JsonNode bans = Json.MAPPER.readTree(get(groups.bans(ann, g)).data());
        assertEquals(bob, bans.get(0).get("userId").asLong());
        ok(groups.unban(ann, g, bob));
        ok(groups.join(bob, g, ""));
        assertEquals(2, members(ann, g).size());
        // a kick without a ban lets the user come back
        ok(groups.kick(ann, g, bob, false));
        ok(groups.join(bob, g, ""));
        // the kicked user was told, and the notice is kept
        JsonNode notices = Json.MAPPER.readTree(get(groups.notices(bob, 0, 50)).data());
        assertTrue(notices.toString().contains("\"event\":\"removed\""), notices.toString());
    }

    @Test
    void aMutedMemberCannotSendAndNothingIsStoredOrQueued() throws Exception {
        long ann = user("ann");
        long bob = user("bob");
        long g = create(ann, "open", 0);
        ok(groups.join(bob, g, ""));
        assertEquals(0, get(groups.send(bob, "bob", g, "before")).code());
        ok(groups.mute(ann, g, bob, 600));
        long queued = queue.length();
        PushReply muted = get(groups.send(bob, "bob", g, "let me talk"));
        assertEquals(1, muted.code());
        assertTrue(muted.message().startsWith("you are muted in group " + g + " for "), muted.message());
        assertEquals(queued, queue.length(), "nothing queued");
        ok(groups.mute(ann, g, bob, 0));
        assertEquals(0, get(groups.send(bob, "bob", g, "after")).code());
        // the whole group muted: members are refused, admins and the owner still speak
        ok(groups.muteAll(ann, g, true));
        PushReply all = get(groups.send(bob, "bob", g, "hello?"));
        assertEquals("group " + g + " is muted: only admins may send", all.message());
        assertEquals(0, get(groups.send(ann, "ann", g, "announcement")).code());
        ok(groups.muteAll(ann, g, false));
        List<String> texts = new ArrayList<>();
        for (String body : get(groups.history(new HistoryQuery(bob, g, 200, 0))).messages()) {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n.get("op").asInt() == 30) {
                texts.add(n.get("msg").asText());
            }
        }
        assertEquals(List.of("before", "after", "announcement"), texts, "refused messages were never stored");
    }

    @Test
    void aNonMemberCannotReadHistoryMembersOrSend() throws Exception {
        long ann = user("ann");
        long eve = user("eve");
        long g = create(ann, "open", 0);
        assertEquals(0, get(groups.send(ann, "ann", g, "secret plans")).code());
        HistoryReply h = get(groups.history(new HistoryQuery(eve, g, 50, 0)));
        assertEquals(1, h.code());
        assertEquals("you are not a member of group " + g, h.message());
        assertTrue(h.messages().isEmpty());
        assertEquals("you are not a member of group " + g, get(groups.since(eve, g, 0, 50)).message());
        refused("you are not a member of group " + g, groups.members(eve, g));
        long queued = queue.length();
        PushReply send = get(groups.send(eve, "eve", g, "let me in"));
        assertEquals("you are not a member of group " + g, send.message());
        assertEquals(queued, queue.length());
        assertEquals("no group with id 999999", get(groups.send(ann, "ann", 999_999, "x")).message());
        // the card is public: anyone may look a group up before joining
        assertEquals(0, get(groups.info(eve, g)).code());
    }

    @Test
    void anInviteOnlyGroupRefusesJoinsAndAdmitsWhomAnAdminInvites() throws Exception {
        long ann = user("ann");
        long bob = user("bob");
        long g = create(ann, "invite", 0);
        refused("group " + g + " is invite only; ask an admin to invite you", groups.join(bob, g, "hi"));
        assertEquals(List.of(), get(groups.groupsOf(bob)));
        refused("no user with id 987654", groups.invite(ann, g, 987_654));
        ok(groups.invite(ann, g, bob));
        assertEquals(List.of(g), get(groups.groupsOf(bob)));
        refused("user " + bob + " already is a member of group " + g, groups.invite(ann, g, bob));
        refused("you are already a member of group " + g, groups.join(bob, g, ""));
    }

    @Test
    void anApprovalGroupKeepsARequestUntilAnAdminDecidesAndAMemberCannotDecide() throws Exception {
        long ann = user("ann");
        long bob = user("bob");
        long cat = user("cat");
        long g = create(ann, "approval", 0);
        ok(groups.invite(ann, g, cat));
        GroupReply asked = get(groups.join(bob, g, "I'm Bob from work"));
        assertEquals(0, asked.code());
        assertEquals(List.of(), get(groups.groupsOf(bob)), "not a member yet");
        refused("your request to join group " + g + " is already waiting for an admin", groups.join(bob, g, "again"));
        refused("you are not an admin of group " + g, groups.requests(cat, g));
        refused("you are not an admin of group " + g, groups.decide(cat, g, bob, true));
        JsonNode requests = Json.MAPPER.readTree(get(groups.requests(ann, g)).data());
        assertEquals("I'm Bob from work", requests.get(0).get("note").asText());
        JsonNode annNotices = Json.MAPPER.readTree(get(groups.notices(ann, 0, 50)).data());
        assertTrue(annNotices.toString().contains("join_request"), "the owner was told: " + annNotices);
        ok(groups.decide(ann, g, bob, false));
        refused("user " + bob + " has not asked to join group " + g, groups.decide(ann, g, bob, true));
        ok(groups.join(bob, g, "please?"));
        ok(groups.decide(ann, g, bob, true));
        assertEquals(List.of(g), get(groups.groupsOf(bob)));
    }

    @Test
    void aFullGroupRefusesOneMoreAndNoMoreThanTheLimitGetInWhenManyJoinAtOnce() throws Exception {
        long ann = user("ann");
        long g = create(ann, "open", 3);
        ok(groups.join(user("bob"), g, ""));
        ok(groups.join(user("cat"), g, ""));
        refused("group " + g + " is full (3 members)", groups.join(user("dan"), g, ""));
        refused("group " + g + " is full (3 members)", groups.invite(ann, g, user("eve")));
        assertEquals(3, members(ann, g).size());

        long h = create(ann, "open", MAX_MEMBERS);
        List<CompletableFuture<GroupReply>> joins = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            joins.add(groups.join(user("racer"), h, ""));
        }
        int in = 0;
        for (CompletableFuture<GroupReply> j : joins) {
            GroupReply r = get(j);
            if (r.ok()) {
                in++;
            } else {
                assertEquals("group " + h + " is full (" + MAX_MEMBERS + " members)", r.message());
            }
        }
        assertEquals(MAX_MEMBERS - 1, in, "the owner holds one seat");
        assertEquals(MAX_MEMBERS, members(ann, h).size());
        assertEquals(MAX_MEMBERS, Json.MAPPER.readTree(get(groups.info(ann, h)).data()).get("memberCount").asInt());
    }

    @Test
    void ownershipPassesOnlyFromTheOwnerWhoCannotLeaveBeforeAndOnlyTheOwnerDissolves() throws Exception {
        long ann = user("ann");
        long bob = user("bob");
        long cat = user("cat");
        long g = create(ann, "open", 0);
        ok(groups.join(bob, g, ""));
        ok(groups.join(cat, g, ""));
        refused("the owner cannot leave group " + g + "; transfer it or dissolve it", groups.leave(ann, g));
        refused("user 424242 is not a member of group " + g, groups.transfer(ann, g, 424_242));
        ok(groups.transfer(ann, g, bob));
        assertEquals("owner", role(ann, g, bob));
        assertEquals("admin", role(ann, g, ann), "the old owner stays as an admin");
        refused("only the owner of group " + g + " may do that", groups.dissolve(ann, g));
        ok(groups.leave(ann, g));
        ok(groups.leave(cat, g));
        refused("you are not a member of group " + g, groups.leave(cat, g));
        ok(groups.nickname(bob, g, "the boss"));
        ok(groups.dissolve(bob, g));
        assertEquals(List.of(), get(groups.groupsOf(bob)));
        refused("no group with id " + g, groups.info(bob, g));
        JsonNode notices = Json.MAPPER.readTree(get(groups.notices(bob, 0, 50)).data());
        assertTrue(notices.toString().contains("\"event\":\"dissolved\""), notices.toString());
    }

    @Test
    void searchFindsGroupsByAnyPartOfTheNameIgnoringCaseAndById() throws Exception {
        long ann = user("ann");
        GroupReply made = get(groups.create(ann, new GroupSpec("Rock Climbers 100%", "", "", "open", 0)));
        long g = Json.MAPPER.readTree(made.data()).get("groupId").asLong();
        JsonNode byName = Json.MAPPER.readTree(get(groups.search(ann, "CLIMBERS", 10)).data());
        assertTrue(byName.toString().contains("\"groupId\":" + g), byName.toString());
        JsonNode byPercent = Json.MAPPER.readTree(get(groups.search(ann, "100%", 10)).data());
        assertEquals(1, byPercent.size(), "% is a character, not a wildcard: " + byPercent);
        JsonNode byId = Json.MAPPER.readTree(get(groups.search(ann, Long.toString(g), 10)).data());
        assertEquals(g, byId.get(0).get("groupId").asLong());
        assertFalse(Json.MAPPER.readTree(get(groups.search(ann, "no such group anywhere", 10)).data()).size() > 0);
    }

    @Test
    void membersReadMessagesAndEventsOldestFirstAndCatchUpAfterAnId() throws Exception {
        long ann = user("ann");
        long bob = user("bob");
        long g = create(ann, "open", 0);
        ok(groups.join(bob, g, ""));
        ok(groups.nickname(bob, g, "Bobby"));
        assertEquals(0, get(groups.send(bob, "bob", g, "one")).code());
        assertEquals(0, get(groups.send(ann, "ann", g, "two")).code());
        List<String> page = get(groups.history(new HistoryQuery(bob, g, 50, 0))).messages();
        JsonNode joined = Json.MAPPER.readTree(page.get(0));
        assertEquals("member_joined", joined.get("event").asText());
        JsonNode one = Json.MAPPER.readTree(page.get(1));
        assertEquals("one", one.get("msg").asText());
        assertEquals("Bobby", one.get("nickname").asText());
        assertEquals(g, one.get("groupId").asLong());
        long oneId = one.get("msgId").asLong();
        List<String> after = get(groups.since(bob, g, oneId, 50)).messages();
        assertEquals(1, after.size());
        assertEquals("two", Json.MAPPER.readTree(after.get(0)).get("msg").asText());
    }
}
