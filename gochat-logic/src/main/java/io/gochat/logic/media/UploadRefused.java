package io.gochat.logic.media;

/** An upload is refused; the message says why (too big, executable, empty, ...). */
public final class UploadRefused extends RuntimeException {
    public UploadRefused(String message) {
        super(message, null, false, false);
    }
}
