package io.gochat.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;

/**
 * A chat message as clients receive it: gochat's "Send" JSON (ops 2 and 3) plus two fields of ours,
 * {@code msgId} (unique, for duplicate suppression) and {@code serverTime} (epoch ms when logic
 * accepted it). gochat's own clients ignore the extra fields.
 */
@JsonPropertyOrder({"code", "msg", "fromUserId", "fromUserName", "toUserId", "toUserName", "roomId", "op",
        "createTime", "msgId", "serverTime"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChatMessage(int code, String msg, long fromUserId, String fromUserName, long toUserId,
                          String toUserName, long roomId, int op, String createTime, long msgId,
                          long serverTime) implements Serializable {
}
