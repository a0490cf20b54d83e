package io.gochat.logic.messages;

import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.groups.GroupMessages;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.media.Uploads;
import io.gochat.logic.message.MessagePublisher;
import io.gochat.logic.message.Typed;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.storage.UploadRow;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.DownloadReply;
import io.gochat.protocol.service.FileLinkReply;
import io.gochat.protocol.service.GroupReads;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.MessageService;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.PushRequest;
import io.gochat.protocol.service.SendReply;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.TypedSend;
import io.gochat.protocol.service.UploadReply;
import io.gochat.protocol.service.UploadRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * logic's {@link MessageService}: resolves the caller (a token's session, or the user a connect server
 * vouches for), then checks and hands on. Everything that blocks (Redis, the database, the blob store)
 * runs on logic's worker pool; typed messages join the same store-then-queue path as text.
 */
public final class MessageServiceImpl implements MessageService {
    private final BlockingWork work;
    private final SessionStore sessions;
    private final MessagePublisher publisher;
    private final Uploads uploads;
    private final Recalls recalls;
    private final TypingEvents typing;
    private final ReadReceipts reads;
    private final ConversationLists conversations;
    private final GroupMessages groupMessages;
    private final GroupReceipts groupReads;
    private volatile io.gochat.logic.media.FileLinks links;

    MessageServiceImpl(BlockingWork work, SessionStore sessions, MessagePublisher publisher, Uploads uploads,
                       Recalls recalls, TypingEvents typing, ReadReceipts reads, ConversationLists conversations,
                       GroupMessages groupMessages, GroupReceipts groupReads) {
        this.groupMessages = groupMessages;
        this.groupReads = groupReads;
        this.work = work;
        this.sessions = sessions;
        this.publisher = publisher;
        this.uploads = uploads;
        this.recalls = recalls;
        this.typing = typing;
        this.reads = reads;
        this.conversations = conversations;
    }

    @Override
    public CompletableFuture<SendReply> send(MessageCaller caller, TypedSend m) {
        return work.submit("messages.send", () -> {
            SessionInfo s = resolve(caller);
            if (s == null) {
                return CompletableFuture.completedFuture(new SendReply(PushReply.SESSION_ERROR, "Session error", 0));
            }
            return sendChecked(s, m);
        }).thenCompose(Function.identity());
    }

    private CompletableFuture<SendReply> sendChecked(SessionInfo s, TypedSend m) {
        CheckedBody checked;
        try {
            checked = TypedBodies.check(m.type(), m.body());
        } catch (BodyProblem e) {
            return done(SendReply.refused(e.getMessage()));
        }
        if (m.clientMsgId() != null && (m.clientMsgId().isBlank()
                || m.clientMsgId().length() > MessagePublisher.MAX_CLIENT_MSG_ID)) {
            return done(SendReply.refused("clientMsgId must be 1 to " + MessagePublisher.MAX_CLIENT_MSG_ID + " characters"));
        }
        int op;
        String conversation;
        if (m.groupId() > 0) {
            op = Ops.GROUP;
            conversation = StoredMessage.groupConversation(m.groupId());
        } else if (m.toUserId() > 0) {
            op = Ops.SINGLE;
            conversation = StoredMessage.privateConversation(s.userId(), m.toUserId());
        } else if (m.roomId() > 0) {
            op = Ops.ROOM;
            conversation = StoredMessage.roomConversation(m.roomId());
        } else {
            return done(SendReply.refused("toUserId or roomId is required"));
        }
        Map<String, Object> fields = checked.fields();
        if (checked.fileId() != null) {
            UploadRow file = uploads.ownedBy(checked.fileId(), s.userId());
            if (file == null) {
                return done(SendReply.refused("body.fileId is not an upload of yours"));
            }
            if (!fitsType(checked.type(), file.kind())) {
                return done(SendReply.refused("body.fileId is a " + file.kind() + " upload, not one for a "
                        + checked.type() + " message"));
            }
            fields = withFile(fields, file);
            if (op == Ops.GROUP) {   // granted once the sender may send there, before the message is stored
                String fileId = file.id();
                return groupMessages.sendTyped(s.userId(), s.userName(), m.groupId(), checked.type(), fields,
                        checked.preview(), m.clientMsgId(), () -> uploads.grant(fileId, conversation));
            }
            uploads.grant(file.id(), conversation);   // before the message exists: a recipient may fetch it at once
        }
        if (op == Ops.GROUP) {
            return groupMessages.sendTyped(s.userId(), s.userName(), m.groupId(), checked.type(), fields,
                    checked.preview(), m.clientMsgId(), null);
        }
        Typed typed = new Typed(checked.type(), fields, checked.preview());
        PushRequest r = new PushRequest(s.userId(), s.userName(), op, op == Ops.SINGLE ? m.toUserId() : 0,
                m.roomId(), checked.preview(), m.clientMsgId());
        return publisher.pushTyped(null, r, typed).thenApply(reply -> SendReply.of(reply, typed.assignedId()));
    }

    /** An image upload goes in image (or sticker) messages, voice in voice, ...; any file in a file message. */
    private static boolean fitsType(String type, String kind) {
        return switch (type) {
            case "image", "emoji" -> kind.equals("image");
            case "voice" -> kind.equals("voice");
            case "video" -> kind.equals("video");
            default -> true;
        };
    }

    /** What the server knows of the file (type, size, name, image size, duration) goes in the body. */
    private static Map<String, Object> withFile(Map<String, Object> fields, UploadRow f) {
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.put("mime", f.mime());
        out.put("size", f.size());
        out.put("name", f.name());
        if (f.width() > 0) {
            out.put("width", f.width());
            out.put("height", f.height());
        }
        if (f.durationMs() > 0 && !out.containsKey("durationMs")) {
            out.put("durationMs", f.durationMs());
        }
        out.put("thumbnail", f.thumbSha256() != null);
        return out;
    }

    @Override
    public CompletableFuture<PushReply> recall(MessageCaller caller, long msgId) {
        return work.submit("messages.recall", () -> {
            SessionInfo s = resolve(caller);
            return s == null ? PushReply.badSession() : recalls.recall(s.userId(), msgId);
        });
    }

    @Override
    public CompletableFuture<PushReply> typing(MessageCaller caller, long toUserId, boolean isTyping) {
        return work.submit("messages.typing", () -> {
            SessionInfo s = resolve(caller);
            return s == null ? PushReply.badSession() : typing.typing(s.userId(), s.userName(), toUserId, isTyping);
        });
    }

    @Override
    public CompletableFuture<PushReply> read(MessageCaller caller, long withUserId, long upToId) {
        return work.submit("messages.read", () -> {
            SessionInfo s = resolve(caller);
            return s == null ? PushReply.badSession() : reads.read(s.userId(), withUserId, upToId);
        });
    }

    @Override
    public CompletableFuture<PushReply> readGroup(MessageCaller caller, long groupId, long upToId) {
        return work.submit("messages.readGroup", () -> {
            SessionInfo s = resolve(caller);
            return s == null ? PushReply.badSession() : groupReads.read(s.userId(), groupId, upToId);
        });
    }

    @Override
    public CompletableFuture<GroupReads> readers(MessageCaller caller, long msgId) {
        return work.submit("messages.readers", () -> {
            SessionInfo s = resolve(caller);
            return s == null ? GroupReads.refused(PushReply.SESSION_ERROR, "Session error") : groupReads.readers(s.userId(), msgId);
        });
    }

    @Override
    public CompletableFuture<GroupReads> readCounts(MessageCaller caller, long groupId, List<Long> msgIds) {
        return work.submit("messages.readCounts", () -> {
            SessionInfo s = resolve(caller);
            return s == null ? GroupReads.refused(PushReply.SESSION_ERROR, "Session error")
                    : groupReads.counts(s.userId(), groupId, msgIds);
        });
    }

    /** Signs download links (set once at start; null = links refused). */
    void linksWith(io.gochat.logic.media.FileLinks links) {
        this.links = links;
    }

    @Override
    public CompletableFuture<FileLinkReply> fileLink(MessageCaller caller, String fileId, boolean thumbnail) {
        return work.submit("messages.fileLink", () -> {
            SessionInfo s = resolve(caller);
            if (s == null) {
                return FileLinkReply.refused(PushReply.SESSION_ERROR, "Session error");
            }
            io.gochat.logic.media.FileLinks l = links;
            UploadRow row = l == null ? null : uploads.visible(s.userId(), fileId);
            if (row == null) {
                return FileLinkReply.refused(1, "no file " + fileId + " that you may see");
            }
            if (thumbnail && row.thumbSha256() == null) {
                return FileLinkReply.refused(1, "file " + fileId + " has no thumbnail");
            }
            long exp = l.expiry(System.currentTimeMillis());
            return new FileLinkReply(0, "ok", l.url(row.id(), thumbnail, exp), exp);
        });
    }

    @Override
    public CompletableFuture<DownloadReply> downloadLinked(String fileId, boolean thumbnail, long expiresAt, String signature) {
        io.gochat.logic.media.FileLinks l = links;
        String problem = l == null ? "signed links are not served here"
                : fileId == null ? "no file" : l.problem(fileId, thumbnail, expiresAt, signature, System.currentTimeMillis());
        if (problem != null) {
            return done(DownloadReply.refused(problem));   // checked before any work: a forged link costs no blob read
        }
        return work.submit("messages.downloadLinked", () -> uploads.downloadLinked(fileId, thumbnail));
    }

    @Override
    public CompletableFuture<UploadReply> upload(MessageCaller caller, UploadRequest request) {
        return work.submit("messages.upload", () -> {
            SessionInfo s = resolve(caller);
            return s == null ? UploadReply.badSession() : uploads.upload(s.userId(), request);
        });
    }

    @Override
    public CompletableFuture<DownloadReply> download(MessageCaller caller, String fileId, boolean thumbnail) {
        return work.submit("messages.download", () -> {
            SessionInfo s = resolve(caller);
            return s == null ? DownloadReply.badSession() : uploads.download(s.userId(), fileId, thumbnail);
        });
    }

    @Override
    public CompletableFuture<io.gochat.protocol.service.ConversationList> conversations(MessageCaller caller, int limit) {
        return work.submit("messages.conversations", () -> {
            SessionInfo s = resolve(caller);
            return s == null ? io.gochat.protocol.service.ConversationList.refused(PushReply.SESSION_ERROR, "Session error")
                    : conversations.list(s.userId(), limit);
        });
    }

    @Override
    public CompletableFuture<PushReply> changeConversation(MessageCaller caller,
                                                           io.gochat.protocol.service.ConversationChange change) {
        return work.submit("messages.conversation", () -> {
            SessionInfo s = resolve(caller);
            return s == null ? PushReply.badSession() : conversations.change(s.userId(), change);
        });
    }

    /** The caller's session: a token's (null when not live), or the user a connect server authenticated. */
    private SessionInfo resolve(MessageCaller caller) {
        if (caller == null) {
            return null;
        }
        if (caller.token() != null) {
            return caller.token().isBlank() ? null : sessions.find(caller.token());
        }
        return caller.userId() > 0 ? new SessionInfo(caller.userId(), caller.userName() == null ? "" : caller.userName(), 0)
                : null;
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
