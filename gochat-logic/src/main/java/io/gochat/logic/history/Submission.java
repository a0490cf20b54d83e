package io.gochat.logic.history;

import io.gochat.protocol.service.PushReply;
import java.util.concurrent.CompletableFuture;

/**
 * One message on its way through the {@link MessageWriter}: what was asked ({@link #draft}), and the
 * sender's answer. The writer's resolver turns the draft into the message to store ({@link #accept}) or
 * answers at once ({@link #refuse}); an accepted message is answered once it is stored and queued.
 */
public final class Submission {
    static final String DELAYED = "ok, stored; the delivery queue did not answer, it will be delivered when it does";

    private final Object draft;
    private final CompletableFuture<PushReply> answer = new CompletableFuture<>();
    private StoredMessage message;
    private String acceptedAs;
    private String clientMsgId;

    Submission(Object draft) {
        this.draft = draft;
    }

    public Object draft() {
        return draft;
    }

    /** Store {@code stored}; once it is queued the sender hears {@code acceptedAs} (e.g. "ok"). */
    public void accept(StoredMessage stored, String acceptedAs) {
        accept(stored, acceptedAs, null);
    }

    /** As {@link #accept(StoredMessage, String)}, with the sender's own id of the message (stored once per sender). */
    public void accept(StoredMessage stored, String acceptedAs, String clientMsgId) {
        this.message = stored;
        this.acceptedAs = acceptedAs;
        this.clientMsgId = clientMsgId;
    }

    String clientMsgId() {
        return clientMsgId;
    }

    String acceptedAs() {
        return acceptedAs;
    }

    /** Nothing is stored; the sender hears {@code reply} now. */
    public void refuse(PushReply reply) {
        answer.complete(reply);
    }

    StoredMessage message() {
        return message;
    }

    /** The stored message as committed, with its conversation's sequence number in its body. */
    void numbered(StoredMessage stored) {
        this.message = stored;
    }

    boolean accepted() {
        return message != null && !answer.isDone();
    }

    void stored() {
        answer.complete(PushReply.accepted(acceptedAs));
    }

    /** Stored, but the queue did not take it now: the outbox relay queues it later. */
    void storedDelayed() {
        answer.complete(PushReply.accepted(DELAYED));
    }

    void failed(String reason) {
        answer.complete(PushReply.refused(reason));
    }

    CompletableFuture<PushReply> answer() {
        return answer;
    }
}
