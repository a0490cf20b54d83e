package io.gochat.bench.client;

/** The first frame each client sends: WS {@code {authToken, roomId}}, TCP {@code {op:6, authToken, roomId}}. */
public final class AuthFrames {
    private AuthFrames() {
    }

    public static String ws(String token, long roomId) {
        return "{\"authToken\":\"" + token + "\",\"roomId\":" + roomId + "}";
    }

    public static String tcp(String token, long roomId) {
        return "{\"op\":6,\"authToken\":\"" + token + "\",\"roomId\":" + roomId + "}";
    }

    /** A room message sent over the socket (op 3). */
    public static String roomMessage(String text) {
        return "{\"op\":3,\"msg\":\"" + text + "\"}";
    }
}
