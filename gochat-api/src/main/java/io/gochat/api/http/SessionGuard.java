package io.gochat.api.http;

import io.gochat.protocol.service.SessionInfo;
import java.util.concurrent.CompletableFuture;

/**
 * gochat's session middleware: the body's {@code authToken} must name a live session, else 40000
 * "Session error". A logic outage is reported as such (code 1), not as a bad session, so clients
 * do not send their users back to the login page for it.
 */
public final class SessionGuard {
    public static final int MAX_TOKEN_LENGTH = 128;
    private final LogicGateway logic;

    public SessionGuard(LogicGateway logic) {
        this.logic = logic;
    }

    /** The session of the body's token; fails with a 40000 {@link BadRequest} if there is none. */
    public CompletableFuture<Authenticated> check(JsonBody body) {
        String token;
        try {
            token = body.text("authToken", MAX_TOKEN_LENGTH);
        } catch (BadRequest e) {
            return CompletableFuture.failedFuture(new BadRequest(ApiResponse.sessionError()));
        }
        return logic.call(s -> s.checkAuth(token)).thenApply(session -> {
            if (session == null || session.userId() <= 0 || session.userName() == null || session.userName().isEmpty()) {
                throw new BadRequest(ApiResponse.sessionError());
            }
            return new Authenticated(token, session);
        });
    }

    /** A request whose token was valid when checked. */
    public record Authenticated(String token, SessionInfo session) {
    }
}
