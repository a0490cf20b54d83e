package io.gochat.task.delivery;

/** How one part of a delivery (one message to one connect server) ended. */
public enum Outcome {
    /** The connect server took it. */
    DELIVERED,
    /** Its recipient is provably gone: the server is not registered and no route names it any more. */
    GONE,
    /** Retried for the whole retry window without success while the recipient may still be there. */
    EXHAUSTED
}
