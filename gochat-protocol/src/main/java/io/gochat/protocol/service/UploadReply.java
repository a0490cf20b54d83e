package io.gochat.protocol.service;

import java.io.Serializable;

/** The stored file, or code 1 (40000) with the reason (too big, a type that is refused, ...). */
public record UploadReply(int code, String message, FileInfo file) implements Serializable {
    public static UploadReply refused(String message) {
        return new UploadReply(1, message, null);
    }

    public static UploadReply badSession() {
        return new UploadReply(PushReply.SESSION_ERROR, "Session error", null);
    }

    public boolean ok() {
        return code == 0;
    }
}
