package io.gochat.logic.storage;

/** A row of the {@code upload} table (see V20__media.sql). */
public record UploadRow(String id, long ownerUserId, String sha256, String kind, String mime, long size, String name,
                        int width, int height, long durationMs, String thumbSha256, long createdAt) {
}
