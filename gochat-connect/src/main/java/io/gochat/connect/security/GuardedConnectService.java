package io.gochat.connect.security;

import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.Delivery;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The ConnectService this server exports: before closing the sockets of an ended session it remembers
 * the session as revoked, so a socket of it that is still authenticating is refused too.
 */
public final class GuardedConnectService implements ConnectService {
    private final ConnectService delegate;
    private final Revocations revocations;

    public GuardedConnectService(ConnectService delegate, Revocations revocations) {
        this.delegate = delegate;
        this.revocations = revocations;
    }

    @Override
    public CompletableFuture<Integer> deliver(List<Delivery> deliveries) {
        return delegate.deliver(deliveries);
    }

    @Override
    public CompletableFuture<Integer> closeSession(long userId, int tokenHash) {
        revocations.revoke(userId, tokenHash, "logged out");
        return delegate.closeSession(userId, tokenHash);
    }

    @Override
    public CompletableFuture<Integer> closeUser(long userId, String reason) {
        revocations.revoke(userId, Revocations.ALL, reason);
        return delegate.closeUser(userId, reason);
    }
}
