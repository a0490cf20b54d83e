package io.gochat.logic.history;

/**
 * A message its sender already checked and stamped (a group message, typed or not) that carries the sender's
 * own id of it ({@code clientMsgId}, or null): stored as it is, and once per client id ({@link ClientIdDedupe}).
 * {@link #storedId} is the id the sender should hear: this message's, or the first send's for a retried one.
 */
public final class StampedDraft implements SameAs {
    private final StoredMessage message;
    private final String clientMsgId;
    private volatile long storedId;

    public StampedDraft(StoredMessage message, String clientMsgId) {
        this.message = message;
        this.clientMsgId = clientMsgId;
        this.storedId = message.id();
    }

    public StoredMessage message() {
        return message;
    }

    public String clientMsgId() {
        return clientMsgId;
    }

    public long storedId() {
        return storedId;
    }

    @Override
    public void sameAs(long firstId) {
        storedId = firstId;
    }
}
