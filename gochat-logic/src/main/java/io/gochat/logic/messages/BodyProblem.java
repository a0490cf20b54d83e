package io.gochat.logic.messages;

/** A typed body is refused; the message names the field ("body.url must be an http or https URL"). */
public final class BodyProblem extends RuntimeException {
    public BodyProblem(String message) {
        super(message, null, false, false);
    }
}
