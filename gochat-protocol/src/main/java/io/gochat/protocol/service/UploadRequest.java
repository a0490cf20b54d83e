package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A file to store. The declared type is a hint only: logic sniffs the content.
 *
 * @param durationMs the duration of a voice or video clip in ms, as the uploader gives it (0 = none)
 */
public record UploadRequest(String fileName, String declaredType, long durationMs, byte[] data)
        implements Serializable {
}
