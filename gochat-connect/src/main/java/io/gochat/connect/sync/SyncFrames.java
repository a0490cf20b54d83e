package io.gochat.connect.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.room.Member;
import io.gochat.core.json.Json;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.SyncQuery;
import io.gochat.protocol.service.SyncReply;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Op 50, sync over the socket (the same as {@code POST /message/sync}), with the connection's session as the
 * caller: {@code {"op":50,"roomId"|"withUserId"|"groupId"|"conversation":…,"afterSeq":N,"limit":L,"ref":…}};
 * without a conversation, the connection's room. Answered
 * {@code {"code":0,"op":50,"conversation":"r:1","lastSeq":N,"hasMore":false,"messages":[…],"ref":…}} or
 * {@code {"code":1,"msg":"…","op":50,"ref":…}}. An answer is at most {@value #MAX_ANSWER_BYTES} bytes (a TCP frame
 * holds 32 KB): messages that do not fit are left for the next call ({@code hasMore}). The answer is built on the
 * RPC's thread (the messages are JSON texts, joined, not parsed) and written on the channel's event loop.
 */
public final class SyncFrames {
    private static final Logger log = LoggerFactory.getLogger(SyncFrames.class);
    static final int MAX_ANSWER_BYTES = 30_000;

    private final SyncCalls logic;

    public SyncFrames(SyncCalls logic) {
        this.logic = logic;
    }

    public void handle(ChannelHandlerContext ctx, Member member, JsonNode frame) {
        JsonNode ref = frame.get("ref");
        long roomId = number(frame, "roomId");
        long withUserId = number(frame, "withUserId");
        long groupId = number(frame, "groupId");
        long afterSeq = number(frame, "afterSeq");
        long limit = number(frame, "limit");
        JsonNode c = frame.get("conversation");
        String conversation = c == null || c.isNull() ? null : c.asText();
        if (roomId < 0 || withUserId < 0 || groupId < 0 || afterSeq < 0 || limit < 0) {
            ctx.writeAndFlush(error(ref, "roomId, withUserId, groupId, afterSeq and limit must be numbers, 0 or more"));
            return;
        }
        if (conversation == null && roomId == 0 && withUserId == 0 && groupId == 0) {
            roomId = member.roomId();   // the connection's room
            if (roomId <= 0) {
                ctx.writeAndFlush(error(ref, "name a conversation: this connection is in no room"));
                return;
            }
        }
        SyncQuery q = new SyncQuery(conversation, roomId, withUserId, groupId, afterSeq, (int) Math.min(limit, 10_000));
        MessageCaller caller = MessageCaller.user(member.userId(), member.userName());
        logic.<SyncReply>callAny(s -> s.sync(caller, q)).whenComplete((reply, failure) -> {
            String out = failure != null ? null : answer(reply, ref);
            if (failure != null) {
                log.debug("sync call failed: {}", failure.toString());
            }
            ctx.channel().eventLoop().execute(() -> {
                if (ctx.channel().isActive()) {
                    ctx.writeAndFlush(out != null ? out : error(ref, "sync failed, try again later"));
                }
            });
        });
    }

    /** The answer frame: the messages are stored JSON texts, joined as they are, as many as fit. */
    static String answer(SyncReply reply, JsonNode ref) {
        if (reply == null) {
            return error(ref, "sync failed, try again later");
        }
        if (!reply.ok()) {
            return error(ref, reply.message());
        }
        String refText = ref == null ? "" : ",\"ref\":" + Json.write(ref);
        String head = "{\"code\":0,\"op\":" + Ops.SYNC + ",\"conversation\":" + Json.write(reply.conversation())
                + ",\"lastSeq\":" + reply.lastSeq() + ",\"hasMore\":";
        int budget = MAX_ANSWER_BYTES - head.length() - "false,\"messages\":[]}".length() - refText.length();
        StringBuilder messages = new StringBuilder();
        int taken = 0;
        for (String m : reply.messages()) {
            int bytes = m.getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > budget && taken > 0) {
                break;
            }
            budget -= bytes;
            if (taken++ > 0) {
                messages.append(',');
            }
            messages.append(m);
        }
        boolean more = reply.hasMore() || taken < reply.messages().size();
        return head + more + ",\"messages\":[" + messages + "]" + refText + "}";
    }

    static String error(JsonNode ref, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", 1);
        out.put("msg", message);
        out.put("op", Ops.SYNC);
        if (ref != null) {
            out.put("ref", ref);
        }
        return Json.write(out);
    }

    /** A number given as a JSON number or a string; 0 when absent, -1 when not a number. */
    private static long number(JsonNode frame, String field) {
        JsonNode n = frame.get(field);
        if (n == null || n.isNull() || (n.isTextual() && n.textValue().isBlank())) {
            return 0;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.textValue().trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
