package io.gochat.logic;

import io.gochat.protocol.service.AckRequest;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.HistoryQuery;
import io.gochat.protocol.service.HistoryReply;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.DisconnectRequest;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.PushRequest;
import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.history.HistoryService;
import io.gochat.logic.history.UnackedMessages;
import io.gochat.logic.message.MessagePublisher;
import io.gochat.logic.presence.PresenceWriter;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.security.PushLimit;
import io.gochat.logic.user.AccountCalls;
import io.gochat.logic.user.AccountService;
import io.gochat.protocol.service.TokenReply;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The Dubbo-facing {@link LogicService}: checks arguments, then hands the blocking work to logic's
 * own bounded pool so Dubbo's threads return at once.
 */
final class LogicServiceImpl implements LogicService {
    private final BlockingWork work;
    private final BlockingWork.Route ackRoute;
    private final BlockingWork.Route checkAuthRoute;
    private final BlockingWork.Route loginRoute;
    private final BlockingWork.Route logoutRoute;
    private final BlockingWork.Route privateHistoryRoute;
    private final BlockingWork.Route privateSinceRoute;
    private final BlockingWork.Route pushRoute;
    private final BlockingWork.Route registerRoute;
    private final BlockingWork.Route roomHistoryRoute;
    private final BlockingWork.Route unackedRoute;
    private final BlockingWork.Route userNameRoute;
    /** Chat messages (ops 2 and 3): enqueued on the caller's thread, timed until stored. */
    private final BlockingWork.Route messageRoute;
    private final AccountService accounts;
    private final SessionStore sessions;
    private final PresenceWriter presence;
    private final MessagePublisher publisher;
    private final HistoryService history;
    private final UnackedMessages unacked;
    private final AccountCalls accountCalls;
    private final PushLimit pushLimit;
    /** Told the user of every connection that opens or closes (contacts' last-seen time); never blocks. */
    private final LongConsumer seen;

    LogicServiceImpl(BlockingWork work, AccountService accounts, SessionStore sessions, PresenceWriter presence,
                     MessagePublisher publisher, HistoryService history, UnackedMessages unacked,
                     AccountCalls accountCalls, PushLimit pushLimit, LongConsumer seen) {
        this.seen = seen;
        this.accountCalls = accountCalls;
        this.pushLimit = pushLimit;
        this.history = history;
        this.unacked = unacked;
        this.work = work;
        this.ackRoute = work.route("ack");
        this.checkAuthRoute = work.route("checkAuth");
        this.loginRoute = work.route("login");
        this.logoutRoute = work.route("logout");
        this.privateHistoryRoute = work.route("privateHistory");
        this.privateSinceRoute = work.route("privateSince");
        this.pushRoute = work.route("push");
        this.registerRoute = work.route("register");
        this.roomHistoryRoute = work.route("roomHistory");
        this.unackedRoute = work.route("unacked");
        this.userNameRoute = work.route("userName");
        this.messageRoute = work.route("message");
        this.accounts = accounts;
        this.sessions = sessions;
        this.presence = presence;
        this.publisher = publisher;
    }

    /** Messages are enqueued on the caller's thread (they never block); counts and member lists run on the pool. */
    @Override
    public CompletableFuture<PushReply> push(PushRequest request) {
        if (request == null) {
            return CompletableFuture.completedFuture(PushReply.refused("empty request"));
        }
        if (MessagePublisher.isMessage(request.op())) {
            // the per-user limit is applied where the batch resolves senders
            return BlockingWork.timed(messageRoute, System.nanoTime(), publisher.push(request));
        }
        if (request.fromUserId() <= 0) {
            return CompletableFuture.completedFuture(PushReply.refused("no sender"));
        }
        PushReply limited = pushLimit.check(request.fromUserId());
        if (limited != null) {
            return CompletableFuture.completedFuture(limited);
        }
        return work.submit(pushRoute, () -> publisher.roomOp(request));
    }

    @Override
    public CompletableFuture<PushReply> pushAs(String authToken, PushRequest request) {
        if (request == null) {
            return CompletableFuture.completedFuture(PushReply.refused("empty request"));
        }
        if (MessagePublisher.isMessage(request.op())) {
            return BlockingWork.timed(messageRoute, System.nanoTime(), publisher.pushAs(authToken, request));
        }
        return work.submit(pushRoute, () -> {
            SessionInfo session = sessions.find(authToken);
            if (session == null) {
                return PushReply.badSession();
            }
            PushReply limited = pushLimit.check(session.userId());
            return limited != null ? limited : publisher.roomOp(request);
        });
    }

    @Override
    public CompletableFuture<HistoryReply> roomHistory(HistoryQuery query) {
        if (query == null || query.userId() <= 0) {
            return CompletableFuture.completedFuture(HistoryReply.refused("no user"));
        }
        return work.submit(roomHistoryRoute, () -> history.room(query));
    }

    @Override
    public CompletableFuture<HistoryReply> privateHistory(HistoryQuery query) {
        if (query == null || query.userId() <= 0) {
            return CompletableFuture.completedFuture(HistoryReply.refused("no user"));
        }
        return work.submit(privateHistoryRoute, () -> history.between(query));
    }

    @Override
    public CompletableFuture<HistoryReply> privateSince(long userId, long sinceId, int limit) {
        if (userId <= 0) {
            return CompletableFuture.completedFuture(HistoryReply.refused("no user"));
        }
        return work.submit(privateSinceRoute, () -> history.since(userId, sinceId, limit));
    }

    @Override
    public CompletableFuture<HistoryReply> unacked(long userId) {
        if (userId <= 0) {
            return CompletableFuture.completedFuture(HistoryReply.refused("no user"));
        }
        return work.submit(unackedRoute, () -> HistoryReply.of(unacked.pending(userId)));
    }

    @Override
    public CompletableFuture<Long> ack(AckRequest request) {
        if (request == null || request.userId() <= 0 || request.msgId() <= 0) {
            return CompletableFuture.completedFuture(0L);
        }
        return work.submit(ackRoute, () -> unacked.ack(request.userId(), request.msgId(), request.upTo()));
    }

    @Override
    public CompletableFuture<AuthReply> register(String userName, String password) {
        return accountCalls.register(userName, password);
    }

    @Override
    public CompletableFuture<AuthReply> login(String userName, String password) {
        return accountCalls.login(userName, password);
    }

    @Override
    public CompletableFuture<TokenReply> loginForTokens(String userName, String password) {
        return accountCalls.loginForTokens(userName, password);
    }

    @Override
    public CompletableFuture<TokenReply> refresh(String refreshToken) {
        return accountCalls.refresh(refreshToken);
    }

    @Override
    public CompletableFuture<AuthReply> changePassword(String token, String password, String newPassword) {
        return accountCalls.changePassword(token, password, newPassword);
    }

    @Override
    public CompletableFuture<AuthReply> deleteAccount(String token, String password) {
        return accountCalls.deleteAccount(token, password);
    }

    @Override
    public CompletableFuture<SessionInfo> checkAuth(String token) {
        return work.submit(checkAuthRoute, () -> sessions.find(token));
    }

    @Override
    public CompletableFuture<Boolean> logout(String token) {
        return accountCalls.logout(token);
    }

    @Override
    public CompletableFuture<String> userName(long userId) {
        if (userId <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return work.submit(userNameRoute, () -> accounts.userName(userId));
    }

    @Override
    public CompletableFuture<SessionInfo> connect(ConnectRequest r) {
        if (r == null || blank(r.serverId()) || blank(r.connectionId())) {
            return CompletableFuture.completedFuture(null);
        }
        return presence.connect(r).whenComplete((session, error) -> {
            if (session != null) {
                seen.accept(session.userId());
            }
        });
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectRequest r) {
        if (r == null || blank(r.serverId()) || blank(r.connectionId()) || r.userId() <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        seen.accept(r.userId());
        return presence.disconnect(r);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
