package io.gochat.connect;

import io.gochat.protocol.service.AckRequest;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.HistoryReply;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.DisconnectRequest;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.PushRequest;
import io.gochat.protocol.service.SessionInfo;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Test-only logic: a few tokens → users, and a record of every connect, disconnect and push. */
public class FakeLogic implements LogicService {
    public final Map<String, SessionInfo> tokens = new ConcurrentHashMap<>();
    public final Queue<ConnectRequest> connects = new ConcurrentLinkedQueue<>();
    public final Queue<DisconnectRequest> disconnects = new ConcurrentLinkedQueue<>();
    public final Queue<PushRequest> pushes = new ConcurrentLinkedQueue<>();
    public final Queue<AckRequest> acks = new ConcurrentLinkedQueue<>();
    /** Unacknowledged private messages logic hands to every connection that authenticates. */
    public final List<String> unackedBodies = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Tokens whose connect answer the test gives itself (a socket still authenticating). */
    public final Map<String, CompletableFuture<SessionInfo>> held = new ConcurrentHashMap<>();

    /** A token whose session expires at {@code expiresAt} (epoch ms). */
    public FakeLogic expiringUser(String token, long userId, String name, long expiresAt) {
        tokens.put(token, new SessionInfo(userId, name, expiresAt));
        return this;
    }

    public FakeLogic user(String token, long userId, String name) {
        tokens.put(token, new SessionInfo(userId, name));
        return this;
    }

    public List<DisconnectRequest> disconnectsOf(long userId) {
        return disconnects.stream().filter(d -> d.userId() == userId).toList();
    }

    public List<ConnectRequest> connectsWith(String token) {
        return connects.stream().filter(c -> c.authToken().equals(token)).toList();
    }

    @Override
    public CompletableFuture<SessionInfo> connect(ConnectRequest request) {
        CompletableFuture<SessionInfo> later = held.get(request.authToken());
        if (later != null) {
            connects.add(request);
            return later;
        }
        SessionInfo session = tokens.get(request.authToken());
        if (session != null) {
            connects.add(request);
        }
        return CompletableFuture.completedFuture(session);
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectRequest request) {
        disconnects.add(request);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<PushReply> push(PushRequest request) {
        if (request.msg().equals("refuse me")) {
            return CompletableFuture.completedFuture(PushReply.refused("refused by logic"));
        }
        pushes.add(request);
        return CompletableFuture.completedFuture(PushReply.accepted());
    }

    @Override
    public CompletableFuture<PushReply> pushAs(String authToken, PushRequest request) {
        SessionInfo session = tokens.get(authToken);
        return session == null ? CompletableFuture.completedFuture(PushReply.badSession())
                : push(new PushRequest(session.userId(), session.userName(), request.op(), request.toUserId(),
                        request.roomId(), request.msg()));
    }

    @Override
    public CompletableFuture<HistoryReply> roomHistory(io.gochat.protocol.service.HistoryQuery query) {
        return CompletableFuture.completedFuture(HistoryReply.refused("not in this test"));
    }

    @Override
    public CompletableFuture<HistoryReply> privateHistory(io.gochat.protocol.service.HistoryQuery query) {
        return CompletableFuture.completedFuture(HistoryReply.refused("not in this test"));
    }

    @Override
    public CompletableFuture<HistoryReply> privateSince(long userId, long sinceId, int limit) {
        return CompletableFuture.completedFuture(HistoryReply.refused("not in this test"));
    }

    @Override
    public CompletableFuture<HistoryReply> unacked(long userId) {
        return CompletableFuture.completedFuture(HistoryReply.of(unackedBodies));
    }

    @Override
    public CompletableFuture<Long> ack(AckRequest request) {
        acks.add(request);
        return CompletableFuture.completedFuture(1L);
    }

    @Override
    public CompletableFuture<AuthReply> register(String userName, String password) {
        return CompletableFuture.completedFuture(AuthReply.fail("not in this test"));
    }

    @Override
    public CompletableFuture<AuthReply> login(String userName, String password) {
        return CompletableFuture.completedFuture(AuthReply.fail("not in this test"));
    }

    @Override
    public CompletableFuture<io.gochat.protocol.service.TokenReply> loginForTokens(String userName, String password) {
        return CompletableFuture.completedFuture(io.gochat.protocol.service.TokenReply.fail("not in this test"));
    }

    @Override
    public CompletableFuture<io.gochat.protocol.service.TokenReply> refresh(String refreshToken) {
        return CompletableFuture.completedFuture(io.gochat.protocol.service.TokenReply.badSession());
    }

    @Override
    public CompletableFuture<AuthReply> changePassword(String token, String password, String newPassword) {
        return CompletableFuture.completedFuture(AuthReply.fail("not in this test"));
    }

    @Override
    public CompletableFuture<AuthReply> deleteAccount(String token, String password) {
        return CompletableFuture.completedFuture(AuthReply.fail("not in this test"));
    }

    @Override
    public CompletableFuture<SessionInfo> checkAuth(String token) {
        return CompletableFuture.completedFuture(tokens.get(token));
    }

    @Override
    public CompletableFuture<Boolean> logout(String token) {
        return CompletableFuture.completedFuture(tokens.remove(token) != null);
    }

    @Override
    public CompletableFuture<String> userName(long userId) {
        return CompletableFuture.completedFuture(null);
    }
}
