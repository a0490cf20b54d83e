package io.gochat.protocol.service;

import java.io.Serializable;

/** A file's bytes and type, or code 1 (40000) with the reason (no such file, not yours to see). */
public record DownloadReply(int code, String message, String mime, String fileName, byte[] data)
        implements Serializable {
    public static DownloadReply refused(String message) {
        return new DownloadReply(1, message, null, null, null);
    }

    public static DownloadReply badSession() {
        return new DownloadReply(PushReply.SESSION_ERROR, "Session error", null, null, null);
    }

    public boolean ok() {
        return code == 0;
    }
}
