package io.gochat.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.client.internal.Frames;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of {@code /message/sync}: a conversation's messages after a sequence number, in seq order.
 *
 * @param conversation the conversation's key ({@code r:1}, {@code p:1:2}, {@code g:3})
 * @param lastSeq      the conversation's last number now (0 = no message yet)
 * @param hasMore      more follow this page: ask again after its last message's seq
 * @param frames       the messages as the socket carries them (op 2, 3, 30, 31; recalled ones as tombstones)
 */
public record SyncPage(String conversation, long lastSeq, boolean hasMore, List<JsonNode> frames) {
    /** @return the private and room messages of the page (op 2 and 3) */
    public List<Message> messages() {
        List<Message> out = new ArrayList<>();
        for (JsonNode f : frames) {
            int op = f.path("op").asInt();
            if (op == Message.PRIVATE || op == Message.ROOM) {
                out.add(Frames.message(f));
            }
        }
        return out;
    }
}
