package io.gochat.cluster.ids;

/** This process holds no message-id worker right now; the message says so in words a user may read. */
public final class IdsUnavailableException extends RuntimeException {
    public IdsUnavailableException(String message) {
        super(message, null, false, false);   // expected and frequent while it lasts: no stack trace
    }
}
