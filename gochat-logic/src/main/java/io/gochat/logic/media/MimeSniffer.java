package io.gochat.logic.media;

import java.nio.charset.StandardCharsets;

/**
 * Decides a file's type from its first bytes, never from the name or the type the client declared.
 * Executables and scripts (PE "MZ", ELF, Mach-O, Java classes, "#!" scripts, HTML that a browser would
 * run) are refused whatever they are called; unknown binary content is {@code application/octet-stream}.
 */
public final class MimeSniffer {
    private MimeSniffer() {
    }

    /** The type of {@code data}; throws {@link UploadRefused} for executable content. */
    public static Sniffed sniff(byte[] data) {
        if (starts(data, '#', '!', 'A', 'M', 'R')) {
            return new Sniffed("audio/amr", "voice");
        }
        if (starts(data, 'M', 'Z') || starts(data, 0x7f, 'E', 'L', 'F') || starts(data, 0xca, 0xfe, 0xba, 0xbe)
                || starts(data, 0xfe, 0xed, 0xfa, 0xce) || starts(data, 0xfe, 0xed, 0xfa, 0xcf)
                || starts(data, 0xce, 0xfa, 0xed, 0xfe) || starts(data, 0xcf, 0xfa, 0xed, 0xfe)
                || starts(data, '#', '!')) {
            throw new UploadRefused("executable files are refused (the content is a program, whatever its name)");
        }
        if (starts(data, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return new Sniffed("image/png", "image");
        }
        if (starts(data, 0xff, 0xd8, 0xff)) {
            return new Sniffed("image/jpeg", "image");
        }
        if (starts(data, 'G', 'I', 'F', '8')) {
            return new Sniffed("image/gif", "image");
        }
        if (starts(data, 'R', 'I', 'F', 'F') && at(data, 8, "WEBP")) {
            return new Sniffed("image/webp", "image");
        }
        if (starts(data, 'R', 'I', 'F', 'F') && at(data, 8, "WAVE")) {
            return new Sniffed("audio/wav", "voice");
        }
        if (starts(data, 'O', 'g', 'g', 'S')) {
            return new Sniffed("audio/ogg", "voice");
        }
        if (starts(data, 'I', 'D', '3') || starts(data, 0xff, 0xfb) || starts(data, 0xff, 0xf3) || starts(data, 0xff, 0xf2)) {
            return new Sniffed("audio/mpeg", "voice");
        }
        if (at(data, 4, "ftyp")) {
            String brand = data.length >= 12 ? new String(data, 8, 4, StandardCharsets.ISO_8859_1) : "";
            if (brand.startsWith("M4A")) {
                return new Sniffed("audio/mp4", "voice");
            }
            if (brand.startsWith("qt")) {
                return new Sniffed("video/quicktime", "video");
            }
            return new Sniffed("video/mp4", "video");
        }
        if (starts(data, 0x1a, 0x45, 0xdf, 0xa3)) {
            return new Sniffed("video/webm", "video");
        }
        if (starts(data, '%', 'P', 'D', 'F', '-')) {
            return new Sniffed("application/pdf", "file");
        }
        if (starts(data, 'P', 'K', 3, 4)) {
            return new Sniffed("application/zip", "file");
        }
        if (looksLikeMarkup(data)) {
            // served back it could run as a page on our origin; it is kept only as an opaque download
            return new Sniffed("application/octet-stream", "file");
        }
        if (isText(data)) {
            return new Sniffed("text/plain; charset=utf-8", "file");
        }
        return new Sniffed("application/octet-stream", "file");
    }

    private static boolean starts(byte[] data, int... magic) {
        if (data.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((data[i] & 0xff) != (magic[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static boolean at(byte[] data, int offset, String ascii) {
        if (data.length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (data[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeMarkup(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 512), StandardCharsets.ISO_8859_1).stripLeading()
                .toLowerCase(java.util.Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<script")
                || head.startsWith("<svg") || head.startsWith("<?xml");
    }

    private static boolean isText(byte[] data) {
        int n = Math.min(data.length, 4096);
        for (int i = 0; i < n; i++) {
            int b = data[i] & 0xff;
            if (b == 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b != 0x1b)) {
                return false;
            }
        }
        return true;
    }
}
