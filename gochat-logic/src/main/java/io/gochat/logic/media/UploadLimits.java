package io.gochat.logic.media;

/** The largest upload of each kind, in bytes (config {@code upload.maxBytes.*}). */
public record UploadLimits(long image, long voice, long video, long file) {
    /** Files cross the cluster's RPC in one call, whose payload is capped at 8 MiB. */
    public static final long CEILING = 7L * 1024 * 1024;

    public long of(String kind) {
        return switch (kind) {
            case "image" -> image;
            case "voice" -> voice;
            case "video" -> video;
            default -> file;
        };
    }

    public long largest() {
        return Math.max(Math.max(image, voice), Math.max(video, file));
    }
}
