package io.gochat.site;

import java.util.regex.Pattern;

/** The host name (without port) the browser used to load the page, taken from a Host header. */
final class HostHeader {
    static final String FALLBACK = "localhost";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.\\-]{1,253}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");

    private HostHeader() {
    }

    /** {@code "example.com:8080"} → {@code "example.com"}, {@code "[::1]:80"} → {@code "[::1]"}; junk → localhost. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return FALLBACK;
        }
        String value = header.trim();
        String host = value.startsWith("[") ? bracketed(value) : beforePort(value);
        return NAME.matcher(host).matches() || IPV6.matcher(host).matches() ? host : FALLBACK;
    }

    private static String bracketed(String value) {
        int end = value.indexOf(']');
        return end < 0 ? "" : value.substring(0, end + 1);
    }

    private static String beforePort(String value) {
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }
}
