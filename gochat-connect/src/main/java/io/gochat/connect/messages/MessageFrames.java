package io.gochat.connect.messages;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.room.Member;
import io.gochat.connect.session.ErrorReply;
import io.gochat.core.json.Json;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.GroupReads;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.SendReply;
import io.gochat.protocol.service.TypedSend;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames of ops 40–59 from an authenticated connection, handed to logic's MessageService with the
 * connection's session as the caller (never a user the frame names):
 * <ul>
 *   <li>{@code {"op":40,"toUserId":N,"type":"image","body":{…},"ref":"c1"}}: a typed message, private, to a
 *       group with {@code groupId}, or to the connection's room without either; an optional {@code clientMsgId}
 *       makes a retry stored once; answered {@code {"code":0,"op":40,"msgId":"…","ref":"c1"}}</li>
 *   <li>{@code {"op":41,"msgId":N}}: recall my message (in a group, an admin: a member's)</li>
 *   <li>{@code {"op":42,"toUserId":N,"typing":true}}: typing / stopped</li>
 *   <li>{@code {"op":43,"withUserId":N,"upToId":M}} or {@code {"op":43,"groupId":G,"upToId":M}}: read up to a message</li>
 *   <li>{@code {"op":45,"msgId":M}}: who read my group message; {@code {"op":45,"groupId":G,"msgIds":[…]}}: counts</li>
 * </ul>
 * A refusal is an error frame {@code {"code":1,"msg":"…","op":N,"ref":…}}. Answers are written on the
 * channel's event loop; nothing here blocks.
 */
public final class MessageFrames {
    private static final Logger log = LoggerFactory.getLogger(MessageFrames.class);

    private final MessageCalls logic;
    /** Op 50 (sync by seq), or null where nothing answers it. */
    private final io.gochat.connect.sync.SyncFrames sync;

    public MessageFrames(MessageCalls logic) {
        this(logic, null);
    }

    public MessageFrames(MessageCalls logic, io.gochat.connect.sync.SyncFrames sync) {
        this.logic = logic;
        this.sync = sync;
    }

    /** Handles one frame of an op in 40–59 ({@code text} is the whole frame). */
    public void handle(ChannelHandlerContext ctx, Member member, int op, String text) {
        JsonNode frame;
        try {
            frame = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            ctx.writeAndFlush(ErrorReply.json("bad frame: not a JSON object"));
            return;
        }
        if (op == Ops.SYNC && sync != null && frame.isObject()) {
            sync.handle(ctx, member, frame);
            return;
        }
        JsonNode ref = frame.get("ref");
        MessageCaller caller = MessageCaller.user(member.userId(), member.userName());
        switch (op) {
            case Ops.TYPED_MESSAGE -> {
                long to = id(frame, "toUserId");
                long groupId = id(frame, "groupId");
                JsonNode body = frame.get("body");
                if (to < 0) {
                    refuse(ctx, op, ref, "toUserId must be a user id");
                    return;
                }
                if (groupId < 0) {
                    refuse(ctx, op, ref, "groupId must be a group id");
                    return;
                }
                if (body == null || !body.isObject()) {
                    refuse(ctx, op, ref, "body must be a JSON object");
                    return;
                }
                JsonNode clientMsgId = frame.get("clientMsgId");
                if (clientMsgId != null && !clientMsgId.isNull() && !clientMsgId.isTextual()) {
                    refuse(ctx, op, ref, "clientMsgId must be a string");
                    return;
                }
                String clientId = clientMsgId == null || clientMsgId.isNull() ? null : clientMsgId.textValue();
                String type = frame.path("type").asText(null);
                TypedSend send = groupId > 0 ? TypedSend.toGroup(groupId, type, body.toString(), clientId)
                        : new TypedSend(to, member.roomId(), type, body.toString(), 0, clientId);
                if (groupId == 0 && to == 0 && member.roomId() <= 0) {
                    refuse(ctx, op, ref, "toUserId missing (this connection is in no room)");
                    return;
                }
                answer(ctx, logic.callAny(s -> s.send(caller, send)), reply -> reply.ok()
                        ? sent(reply, ref) : error(op, ref, reply.message()));
            }
            case Ops.RECALL -> {
                long msgId = id(frame, "msgId");
                if (msgId <= 0) {
                    refuse(ctx, op, ref, "msgId missing");
                    return;
                }
                answer(ctx, logic.callAny(s -> s.recall(caller, msgId)), reply -> pushAnswer(op, ref, reply));
            }
            case Ops.TYPING -> {
                long to = id(frame, "toUserId");
                if (to <= 0) {
                    refuse(ctx, op, ref, "toUserId missing");
                    return;
                }
                boolean typing = frame.path("typing").asBoolean(true);
                answer(ctx, logic.callAny(s -> s.typing(caller, to, typing)), reply -> pushAnswer(op, ref, reply));
            }
            case Ops.READ -> {
                long with = id(frame, "withUserId");
                long groupId = id(frame, "groupId");
                long upTo = id(frame, "upToId");
                if ((with <= 0 && groupId <= 0) || upTo <= 0) {
                    refuse(ctx, op, ref, (groupId > 0 ? "groupId" : "withUserId") + " and upToId are required");
                    return;
                }
                answer(ctx, logic.callAny(s -> groupId > 0 ? s.readGroup(caller, groupId, upTo)
                        : s.read(caller, with, upTo)), reply -> pushAnswer(op, ref, reply));
            }
            case Ops.GROUP_READS -> {
                long msgId = id(frame, "msgId");
                long groupId = id(frame, "groupId");
                JsonNode list = frame.get("msgIds");
                if (msgId > 0) {
                    answer(ctx, logic.callAny(s -> s.readers(caller, msgId)), reply -> reads(reply, ref));
                    return;
                }
                List<Long> ids = new ArrayList<>();
                if (list != null && list.isArray()) {
                    for (JsonNode n : list) {
                        long v = n.isTextual() ? parse(n.textValue()) : n.canConvertToLong() ? n.longValue() : -1;
                        if (v <= 0) {
                            refuse(ctx, op, ref, "msgIds must be message ids");
                            return;
                        }
                        ids.add(v);
                    }
                }
                if (groupId <= 0 || ids.isEmpty()) {
                    refuse(ctx, op, ref, "msgId, or groupId and msgIds, are required");
                    return;
                }
                answer(ctx, logic.callAny(s -> s.readCounts(caller, groupId, ids)), reply -> reads(reply, ref));
            }
            default -> refuse(ctx, op, ref, "unknown op " + op);
        }
    }

    private <T> void answer(ChannelHandlerContext ctx, CompletableFuture<T> call, Function<T, String> toFrame) {
        call.whenComplete((reply, error) -> ctx.channel().eventLoop().execute(() -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (error != null) {
                log.debug("messages call failed: {}", error.toString());
                ctx.writeAndFlush(ErrorReply.json("not sent, try again later"));
                return;
            }
            String out = toFrame.apply(reply);
            if (out != null) {
                ctx.writeAndFlush(out);
            }
        }));
    }

    /** Accepted recall/typing/read: silence (the event itself tells the user's devices); refusals are told. */
    private static String pushAnswer(int op, JsonNode ref, PushReply reply) {
        return reply == null ? error(op, ref, "refused") : reply.ok() ? null : error(op, ref, reply.message());
    }

    /**
     * {@code {"code":0,"op":45,"groupId":"G","reads":[{"msgId":"M","readCount":2,"memberCount":3,
     * "readers":[{"userId":"7","userName":"bob"}]}],"ref":…}}
     */
    private static String reads(GroupReads reply, JsonNode ref) {
        if (reply == null || !reply.ok()) {
            return error(Ops.GROUP_READS, ref, reply == null ? "refused" : reply.message());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", 0);
        out.put("op", Ops.GROUP_READS);
        out.put("groupId", Long.toString(reply.groupId()));
        out.put("reads", reply.clientReads());
        if (ref != null) {
            out.put("ref", ref);
        }
        return Json.write(out);
    }

    private static long parse(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String sent(SendReply reply, JsonNode ref) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", 0);
        out.put("op", Ops.TYPED_MESSAGE);
        out.put("msgId", Long.toString(reply.msgId()));
        out.put("msg", reply.message());
        if (ref != null) {
            out.put("ref", ref);
        }
        return Json.write(out);
    }

    private static String error(int op, JsonNode ref, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", 1);
        out.put("msg", message);
        out.put("op", op);
        if (ref != null) {
            out.put("ref", ref);
        }
        return Json.write(out);
    }

    private static void refuse(ChannelHandlerContext ctx, int op, JsonNode ref, String message) {
        ctx.writeAndFlush(error(op, ref, message));
    }

    /** An id given as a number or a string; 0 when absent, -1 when not an id. */
    private static long id(JsonNode frame, String field) {
        JsonNode n = frame.get(field);
        if (n == null || n.isNull()) {
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
