package io.gochat.logic.user;

import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.session.LiveSessions;
import io.gochat.logic.session.SessionStore;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.TokenReply;
import java.util.concurrent.CompletableFuture;

/**
 * The account half of {@code LogicService}, asynchronous. Everything that hashes a password runs on
 * its own small bounded pool ({@code hash.threads}, {@code hash.queue}): a flood of logins fills that
 * pool and is refused ("too many requests"), while pushes and socket auth keep logic's main pool.
 * Sessions that end close their sockets: logout closes the token's, a password change or a deleted
 * account closes all of the user's.
 */
public final class AccountCalls {
    private final BlockingWork hashing;
    private final BlockingWork work;
    private final AccountService accounts;
    private final SessionStore sessions;
    private final LiveSessions live;
    /** Told of every deleted account (contacts forgets the user's social graph); may block. */
    private final java.util.function.LongConsumer deleted;

    public AccountCalls(BlockingWork hashing, BlockingWork work, AccountService accounts, SessionStore sessions,
                        LiveSessions live) {
        this(hashing, work, accounts, sessions, live, userId -> { });
    }

    public AccountCalls(BlockingWork hashing, BlockingWork work, AccountService accounts, SessionStore sessions,
                        LiveSessions live, java.util.function.LongConsumer deleted) {
        this.deleted = deleted;
        this.hashing = hashing;
        this.work = work;
        this.accounts = accounts;
        this.sessions = sessions;
        this.live = live;
    }

    public CompletableFuture<AuthReply> register(String userName, String password) {
        return hashing.submit("register", () -> accounts.register(userName, password));
    }

    public CompletableFuture<AuthReply> login(String userName, String password) {
        return hashing.submit("login", () -> accounts.login(userName, password));
    }

    public CompletableFuture<TokenReply> loginForTokens(String userName, String password) {
        return hashing.submit("loginForTokens", () -> accounts.loginForTokens(userName, password));
    }

    public CompletableFuture<TokenReply> refresh(String refreshToken) {
        return work.submit("refresh", () -> accounts.refresh(refreshToken));
    }

    public CompletableFuture<Boolean> logout(String token) {
        return work.submit("logout", () -> {
            SessionInfo session = sessions.find(token);
            boolean revoked = sessions.revoke(token);
            if (revoked && session != null) {
                live.close(session.userId(), token);
            }
            return revoked;
        });
    }

    public CompletableFuture<AuthReply> changePassword(String token, String password, String newPassword) {
        return hashing.submit("changePassword", () -> {
            SessionInfo session = sessions.find(token);
            if (session == null) {
                return new AuthReply(PushReply.SESSION_ERROR, "Session error", null);
            }
            AuthReply reply = accounts.changePassword(session, password, newPassword);
            if (reply.ok()) {
                endAll(session.userId(), "password changed");
            }
            return reply;
        });
    }

    public CompletableFuture<AuthReply> deleteAccount(String token, String password) {
        return hashing.submit("deleteAccount", () -> {
            SessionInfo session = sessions.find(token);
            if (session == null) {
                return new AuthReply(PushReply.SESSION_ERROR, "Session error", null);
            }
            AuthReply reply = accounts.delete(session, password);
            if (reply.ok()) {
                endAll(session.userId(), "account deleted");
                deleted.accept(session.userId());
            }
            return reply;
        });
    }

    private void endAll(long userId, String reason) {
        sessions.revokeAll(userId);
        live.closeUser(userId, reason);
    }
}
