package io.gochat.logic.groups;

/**
 * A group rule said no: the message is the sentence the user reads (code 1). Thrown inside a transaction,
 * it rolls back whatever the transaction did so far.
 */
final class Refused extends RuntimeException {
    Refused(String message) {
        super(message, null, false, false);
    }
}
