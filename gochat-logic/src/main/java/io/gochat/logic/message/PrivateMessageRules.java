package io.gochat.logic.message;

import java.util.Collection;
import java.util.Map;

/**
 * Who may send whom a private message (blocks, the friends-only policy), asked once per batch of the
 * message writer, over HTTP and socket sends alike.
 */
public interface PrivateMessageRules {
    /** Everyone may write to everyone. */
    PrivateMessageRules NONE = pairs -> Map.of();

    record Pair(long from, long to) {
    }

    /** The refused pairs among {@code pairs}, each with a sentence for the sender. */
    Map<Pair, String> refusals(Collection<Pair> pairs);
}
