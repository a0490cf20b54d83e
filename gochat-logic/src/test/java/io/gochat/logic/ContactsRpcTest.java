package io.gochat.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.core.config.GochatConfig;
import io.gochat.logic.user.AccountService;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.ContactReply;
import io.gochat.protocol.service.ContactsService;
import io.gochat.protocol.service.FriendListReply;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.MessageService;
import io.gochat.protocol.service.ProfileUpdate;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.PushRequest;
import io.gochat.protocol.service.SendReply;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.TypedSend;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ContactsService over Dubbo as api calls it (real etcd, Redis, sqlite), on a logic server with
 * {@code im.privateMessages=friends} and registration closed: every call is the token's user's own, and
 * the private-message rules hold on the HTTP path (pushAs) and the socket path (push) alike.
 */
class ContactsRpcTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static LogicServer logic;
    static ClusterNode client;
    static RpcClientPool<LogicService> logicPool;
    static RpcClientPool<ContactsService> contactsPool;
    static RpcClientPool<MessageService> messagesPool;
    static Path dbFile;

    @BeforeAll
    static void start() {
        GochatConfig config = TestLogic.config(etcd.endpoints(), redis.url(), dir).with("im.privateMessages", "friends");
        logic = TestLogic.start(config);
        client = ClusterNode.join(config, "test", "");
        logicPool = client.pool(Roles.LOGIC, LogicService.class);
        contactsPool = client.pool(Roles.LOGIC, ContactsService.class);
        messagesPool = client.pool(Roles.LOGIC, MessageService.class);
        Eventually.await(Duration.ofSeconds(10), "logic found in etcd", () -> logicPool.targets().size() == 1
                && contactsPool.targets().size() == 1 && messagesPool.targets().size() == 1);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (logic != null) {
            logic.close();
        }
    }

    static <T> T logic(Function<LogicService, CompletableFuture<T>> f) {
        return logicPool.callAnyBlocking(f);
    }

    static <T> T contacts(Function<ContactsService, CompletableFuture<T>> f) {
        return contactsPool.callAnyBlocking(f);
    }

    static <T> T messages(Function<MessageService, CompletableFuture<T>> f) {
        return messagesPool.callAnyBlocking(f);
    }

    record User(long id, String token) {
    }

    static User register(String name) {
        AuthReply reply = logic(l -> l.register(name, "pw-" + name));
        assertEquals(0, reply.code(), reply.message());
        SessionInfo s = logic(l -> l.checkAuth(reply.token()));
        return new User(s.userId(), reply.token());
    }

    static PushReply httpSend(User from, User to, String text) {
        return logic(l -> l.pushAs(from.token(), new PushRequest(0, "", Ops.SINGLE, to.id(), 0, text)));
    }

    static PushReply socketSend(User from, User to, String text) {
        return logic(l -> l.push(new PushRequest(from.id(), "?", Ops.SINGLE, to.id(), 0, text)));
    }

    @Test
    void everyCallNeedsALiveSession() {
        assertEquals(40000, contacts(c -> c.friends("not-a-token")).code());
        assertEquals(40000, contacts(c -> c.requestFriend("", 1, "hi")).code());
        assertEquals(40000, contacts(c -> c.updateProfile("nope", new ProfileUpdate("x", null, null, null))).code());
    }

    @Test
    void underTheFriendsPolicyStrangersAreRefusedOnBothPathsAndFriendsGetThrough() {
        User ann = register("rpc-ann");
        User bob = register("rpc-bob");
        String refusal = "user " + bob.id() + " is not your friend: this server delivers private messages between friends only";
        assertEquals(new PushReply(1, refusal), httpSend(ann, bob, "hello"));
        assertEquals(new PushReply(1, refusal), socketSend(ann, bob, "hello"));

        assertEquals(0, contacts(c -> c.requestFriend(ann.token(), bob.id(), "I'm Ann")).code());
        long requestId = contacts(c -> c.requests(bob.token(), "incoming")).requests().get(0).id();
        assertEquals(0, contacts(c -> c.answerRequest(bob.token(), requestId, true)).code());
        assertEquals(0, httpSend(ann, bob, "hello friend").code());
        assertEquals(0, socketSend(bob, ann, "hi ann").code());

        FriendListReply list = contacts(c -> c.friends(ann.token()));
        assertEquals(bob.id(), list.friends().get(0).user().userId(), "the reply crosses Dubbo whole");
        assertEquals("rpc-bob", list.friends().get(0).user().userName());
    }

    @Test
    void aBlockedUserCannotSendOverHttpOrSocketNorRequest() {
        User cat = register("rpc-cat");
        User dan = register("rpc-dan");
        contacts(c -> c.requestFriend(cat.token(), dan.id(), ""));
        contacts(c -> c.requestFriend(dan.token(), cat.id(), ""));
        assertEquals(0, httpSend(dan, cat, "still friends").code());
        ContactReply blocked = contacts(c -> c.block(cat.token(), dan.id()));
        assertEquals(0, blocked.code(), blocked.message());
        String refusal = "user " + cat.id() + " has blocked you";
        assertEquals(new PushReply(1, refusal), httpSend(dan, cat, "let me in"));
        assertEquals(new PushReply(1, refusal), socketSend(dan, cat, "let me in"));
        assertEquals(refusal, contacts(c -> c.requestFriend(dan.token(), cat.id(), "please")).message());
        assertEquals("offline", contacts(c -> c.profile(dan.token(), cat.id())).profile().status());
    }

    @Test
    void typedMessagesAndTypingFollowTheSameRulesAsTextOnBothPaths() {
        User eve = register("rpc-tess");
        User fay = register("rpc-ugo");
        String stranger = "user " + fay.id() + " is not your friend: this server delivers private messages between friends only";
        TypedSend text = new TypedSend(fay.id(), 0, "text", "{\"text\":\"hello\"}");
        TypedSend location = new TypedSend(fay.id(), 0, "location", "{\"lat\":1.5,\"lng\":2.5}");
        assertEquals(stranger, messages(m -> m.send(MessageCaller.token(eve.token()), text)).message(), "HTTP path");
        assertEquals(stranger, messages(m -> m.send(MessageCaller.user(eve.id(), "rpc-tess"), location)).message(),
                "socket path");
        assertEquals(new PushReply(1, stranger), messages(m -> m.typing(MessageCaller.token(eve.token()), fay.id(), true)));

        contacts(c -> c.requestFriend(eve.token(), fay.id(), ""));
        contacts(c -> c.requestFriend(fay.token(), eve.id(), ""));
        SendReply friends = messages(m -> m.send(MessageCaller.token(eve.token()), text));
        assertEquals(0, friends.code(), friends.message());
        assertTrue(friends.msgId() > 0);
        assertEquals(0, messages(m -> m.typing(MessageCaller.token(eve.token()), fay.id(), true)).code());

        assertEquals(0, contacts(c -> c.block(fay.token(), eve.id())).code());
        String blocked = "user " + fay.id() + " has blocked you";
        assertEquals(blocked, messages(m -> m.send(MessageCaller.token(eve.token()), location)).message());
        assertEquals(blocked, messages(m -> m.send(MessageCaller.user(eve.id(), "rpc-tess"), text)).message());
        assertEquals(new PushReply(1, blocked), messages(m -> m.typing(MessageCaller.user(eve.id(), "rpc-tess"), fay.id(), false)));
    }

    @Test
    void nobodyAnswersARequestAddressedToSomeoneElse() {
        User eve = register("rpc-eve");
        User fay = register("rpc-fay");
        User gus = register("rpc-gus");
        contacts(c -> c.requestFriend(eve.token(), fay.id(), ""));
        long requestId = contacts(c -> c.requests(eve.token(), "outgoing")).requests().get(0).id();
        assertEquals("friend request " + requestId + " is not addressed to you",
                contacts(c -> c.answerRequest(gus.token(), requestId, true)).message());
        assertEquals("you cannot answer your own friend request",
                contacts(c -> c.answerRequest(eve.token(), requestId, true)).message());
        assertTrue(contacts(c -> c.friends(eve.token())).friends().isEmpty());
        assertTrue(contacts(c -> c.requests(gus.token(), "pending")).requests().isEmpty(), "gus sees none of it");
    }

    @Test
    void aDeletedAccountLeavesNoFriendBehind() {
        User ida = register("rpc-ida");
        User jon = register("rpc-jon");
        contacts(c -> c.requestFriend(ida.token(), jon.id(), ""));
        contacts(c -> c.requestFriend(jon.token(), ida.id(), ""));
        assertEquals(1, contacts(c -> c.friends(jon.token())).friends().size());
        assertEquals(0, logic(l -> l.deleteAccount(ida.token(), "pw-rpc-ida")).code());
        assertTrue(contacts(c -> c.friends(jon.token())).friends().isEmpty());
        assertTrue(contacts(c -> c.notices(jon.token(), 0, 10)).notices().stream().anyMatch(n -> n.contains("\"op\":23")),
                "jon was told");
    }

    @Test
    void registrationCanBeClosedWhileExistingAccountsKeepLoggingIn() {
        User hal = register("rpc-hal");
        GochatConfig closed = TestLogic.config(etcd.endpoints(), redis.url(), dir).with("registration.enabled", false)
                .with("server.id", "logic-closed");
        try (LogicServer other = TestLogic.start(closed)) {
            // calls go round robin once the pool has found the second server
            Eventually.await(Duration.ofSeconds(10), "the closed server refused a registration", () -> {
                AuthReply r = logic(l -> l.register("rpc-new" + System.nanoTime() % 100000, "pw-new"));
                return AccountService.REGISTRATION_CLOSED.equals(r.message());
            });
            assertEquals(0, logic(l -> l.login("rpc-hal", "pw-rpc-hal")).code());
        }
        assertTrue(hal.id() > 0);
    }
}
