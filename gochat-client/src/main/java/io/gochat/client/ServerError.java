package io.gochat.client;

/**
 * An error frame from the server, {@code {"code":1,"msg":"..."}} (40000 for a session that ended).
 *
 * @param code    1 for a failure, 40000 for a bad or ended session
 * @param message a sentence a person can read
 */
public record ServerError(int code, String message) {
    /** The code of a bad, expired or logged-out session. */
    public static final int SESSION_ERROR = 40000;
}
