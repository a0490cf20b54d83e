package io.gochat.protocol.service;

import java.util.concurrent.CompletableFuture;

/**
 * Filling gaps: every conversation (room, 1:1 chat, group) numbers its messages 1, 2, 3, ... ({@code seq} in
 * each message); a client that sees a jump, or comes back after a disconnect, asks for what follows the last
 * number it has. Exported by every logic server. The caller is a token (HTTP) or a connection's session
 * (connect), never a user id a client claimed; a conversation the caller may not see is refused (code 1).
 */
public interface SyncService {

    /** The conversation's messages with {@code seq > afterSeq}, in seq order, a page at a time. */
    CompletableFuture<SyncReply> sync(MessageCaller caller, SyncQuery query);
}
