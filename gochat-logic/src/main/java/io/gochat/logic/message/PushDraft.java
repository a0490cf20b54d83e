package io.gochat.logic.message;

import io.gochat.protocol.service.PushRequest;

/**
 * A private or room message as it reaches the message writer, before the batch it joins is resolved.
 *
 * @param token   the sender's session token when the sender is not yet known (HTTP), else null (a socket's
 *                session already named the sender in {@code request})
 * @param problem what is wrong with the fields (answered after the session check, as gochat does), or null
 */
record PushDraft(String token, PushRequest request, String problem) {
}
