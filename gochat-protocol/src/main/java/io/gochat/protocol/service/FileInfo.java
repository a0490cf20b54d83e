package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A stored upload: {@code id} names it in message bodies ({@code fileId}) and in {@code GET /file/{id}}.
 *
 * @param kind       image, voice, video or file (from the sniffed content, not the declared type)
 * @param mime       the sniffed content type
 * @param durationMs the duration the uploader gave for voice and video (0 = none)
 */
public record FileInfo(String id, String kind, String mime, long size, String sha256, String name, int width,
                       int height, long durationMs, boolean thumbnail) implements Serializable {
}
