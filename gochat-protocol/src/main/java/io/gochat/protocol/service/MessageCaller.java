package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * Who calls the {@link MessageService}: a token (the HTTP API; logic checks the session) or a user a
 * connect server already authenticated (its connection's session; the cluster's calls are authenticated).
 */
public record MessageCaller(String token, long userId, String userName) implements Serializable {
    public static MessageCaller token(String token) {
        return new MessageCaller(token, 0, null);
    }

    public static MessageCaller user(long userId, String userName) {
        return new MessageCaller(null, userId, userName);
    }
}
