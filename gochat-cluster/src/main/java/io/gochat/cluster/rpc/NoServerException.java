package io.gochat.cluster.rpc;

/** No live server of the needed role could take the call. */
public class NoServerException extends RuntimeException {
    public NoServerException(String message) {
        super(message);
    }
}
