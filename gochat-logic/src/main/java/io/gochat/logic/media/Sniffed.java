package io.gochat.logic.media;

/** What the bytes are: a content type and the kind of message it may be sent as (image, voice, video, file). */
public record Sniffed(String mime, String kind) {
}
