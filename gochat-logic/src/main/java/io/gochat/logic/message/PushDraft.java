package io.gochat.logic.message;

import io.gochat.protocol.service.PushRequest;

/**
 * A private or room message as it reaches the message writer, before the batch it joins is resolved.
 *
 * @param token   the sender's session token when the sender is not yet known (HTTP), else null (a socket's
 *                session already named the sender in {@code request})
 * @param problem what is wrong with the fields (answered after the session check, as gochat does), or null
 * @param typed   the type and body of a typed message (delivered with {@code type} and {@code body}), or null
 */
record PushDraft(String token, PushRequest request, String problem, Typed typed) implements io.gochat.logic.history.SameAs {
    /** A retried typed send with a stored client id answers with the first message's id. */
    @Override
    public void sameAs(long firstId) {
        if (typed != null) {
            typed.assigned(firstId);
        }
    }

    PushDraft(String token, PushRequest request, String problem) {
        this(token, request, problem, null);
    }
}
