package io.gochat.protocol.service;

import java.util.concurrent.CompletableFuture;

/**
 * Typed messages, uploads, recall, typing and read receipts; exported by every logic server next to
 * {@link LogicService}. Every method is asynchronous; refusals are answers (code 1 naming the field or
 * the rule, 40000 for a bad token), never exceptions. The caller is a token (HTTP) or a connection's
 * session (connect), never a user id a client claimed.
 */
public interface MessageService {

    /**
     * Checks the typed body, stores the message and queues it: op 2 or 3 with type and body, or op 30 to a
     * group's members (members only; a muted member or a muted group refuses as plain group messages do).
     */
    CompletableFuture<SendReply> send(MessageCaller caller, TypedSend message);

    /**
     * The sender recalls message {@code msgId} within the recall window (in a group an admin or the owner
     * may also recall a lower-ranked member's message, at any time): history shows a tombstone and every
     * recipient (online now, or on their next connect; in a group, in the group's history) gets an op 41 event.
     */
    CompletableFuture<PushReply> recall(MessageCaller caller, long msgId);

    /** "typing" / "stopped" to the other user of a 1:1 chat; never stored, rate-limited. */
    CompletableFuture<PushReply> typing(MessageCaller caller, long toUserId, boolean typing);

    /**
     * The caller has read the 1:1 chat with {@code withUserId} up to {@code upToId}: stored (never moves
     * back), sent to the other user and to the caller's own devices as an op 43 event.
     */
    CompletableFuture<PushReply> read(MessageCaller caller, long withUserId, long upToId);

    /** Stores a file by content (SHA-256): the same bytes are kept once. */
    CompletableFuture<UploadReply> upload(MessageCaller caller, UploadRequest request);

    /** A stored file (or its thumbnail), if the caller uploaded it or may see a conversation it was sent to. */
    CompletableFuture<DownloadReply> download(MessageCaller caller, String fileId, boolean thumbnail);

    /** The caller's conversations (1:1 chats): last message, unread count, pinned, muted, draft. */
    CompletableFuture<ConversationList> conversations(MessageCaller caller, int limit);

    /** Pins, mutes or keeps a draft of a chat; the caller's devices get an op 44 event with the new settings. */
    CompletableFuture<PushReply> changeConversation(MessageCaller caller, ConversationChange change);

    /**
     * The caller has read group {@code groupId} up to {@code upToId} (members only): stored as the member's read
     * mark (never moves back) and sent to the caller's own devices as an op 43 event with {@code groupId}.
     */
    default CompletableFuture<PushReply> readGroup(MessageCaller caller, long groupId, long upToId) {
        return CompletableFuture.completedFuture(PushReply.refused("group read receipts are not supported here"));
    }

    /** Who has read the caller's own group message {@code msgId} (the sender only): its count and its readers. */
    default CompletableFuture<GroupReads> readers(MessageCaller caller, long msgId) {
        return CompletableFuture.completedFuture(GroupReads.refused(1, "group read receipts are not supported here"));
    }

    /** How many members have read each of the caller's own messages in {@code msgIds} (others' are left out). */
    default CompletableFuture<GroupReads> readCounts(MessageCaller caller, long groupId, java.util.List<Long> msgIds) {
        return CompletableFuture.completedFuture(GroupReads.refused(1, "group read receipts are not supported here"));
    }

    /**
     * A signed link to a file the caller may download ({@code thumbnail}: its thumbnail): no token in the URL,
     * good for anyone holding it until it expires ({@code file.linkTtl}).
     */
    default CompletableFuture<FileLinkReply> fileLink(MessageCaller caller, String fileId, boolean thumbnail) {
        return CompletableFuture.completedFuture(FileLinkReply.refused(1, "signed links are not supported here"));
    }

    /** The bytes behind a signed link, once its signature and expiry are checked. */
    default CompletableFuture<DownloadReply> downloadLinked(String fileId, boolean thumbnail, long expiresAt, String signature) {
        return CompletableFuture.completedFuture(DownloadReply.refused("signed links are not supported here"));
    }
}
