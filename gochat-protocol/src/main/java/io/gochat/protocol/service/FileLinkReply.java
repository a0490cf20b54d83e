package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A signed download link: {@code url} is relative to the api ({@code /file/<id>?exp=…&sig=…}), good until
 * {@code expiresAt} (epoch seconds) for whoever holds it; or code 1 (40000) with the reason.
 */
public record FileLinkReply(int code, String message, String url, long expiresAt) implements Serializable {
    public static FileLinkReply refused(int code, String message) {
        return new FileLinkReply(code, message, null, 0);
    }

    public boolean ok() {
        return code == 0;
    }
}
