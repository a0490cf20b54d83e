package io.gochat.bench.client;

/** Which socket protocol a bench client speaks. */
public enum ClientKind {
    WS, TCP;

    public static ClientKind parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
