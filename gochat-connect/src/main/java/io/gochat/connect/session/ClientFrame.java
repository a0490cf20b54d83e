package io.gochat.connect.session;

import io.gochat.core.json.Json;
import io.gochat.protocol.Ops;
import java.io.IOException;

/**
 * What a client may send, WS or TCP: an auth frame ({@code {"authToken","roomId"}}, op 6 or no op;
 * {@code "acks":true} when the client acknowledges private messages with op 7, {@code "joined":true} when it
 * wants an op 8 frame once it joined),
 * a message (op 2 with toUserId, op 3, op 30 with groupId) or an acknowledgement (op 7 with msgId, or upToId;
 * numbers or strings, as JavaScript cannot hold 64-bit ids). Sender fields in the frame are ignored on purpose.
 */
public record ClientFrame(Integer op, String authToken, Long roomId, Long toUserId, String msg, Long msgId,
                          Long upToId, Boolean acks, String clientMsgId, Boolean joined, Long groupId) {

    /** Parses a frame; throws {@link IOException} for text that is not a JSON object. */
    public static ClientFrame parse(String text) throws IOException {
        if (text == null || text.isBlank() || text.charAt(firstNonBlank(text)) != '{') {
            throw new IOException("not a JSON object");
        }
        return Json.MAPPER.readValue(text, ClientFrame.class);
    }

    public boolean isAuth() {
        return op == null ? authToken != null : op == Ops.BUILD_TCP_CONN;
    }

    public boolean isMessage() {
        return op != null && (op == Ops.SINGLE || op == Ops.ROOM || op == Ops.GROUP);
    }

    public boolean isAck() {
        return op != null && op == Ops.ACK;
    }

    /** The client said it acknowledges private messages (gochat's own clients do not). */
    public boolean sendsAcks() {
        return Boolean.TRUE.equals(acks);
    }

    /** The client asked to be told when it joined ({@code "joined":true}: an op 8 frame); gochat's never do. */
    public boolean wantsJoined() {
        return Boolean.TRUE.equals(joined);
    }

    public long roomOrZero() {
        return roomId == null ? 0 : roomId;
    }

    private static int firstNonBlank(String text) {
        int i = 0;
        while (Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
