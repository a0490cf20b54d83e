package io.gochat.core.lifecycle;

/** A module cannot start for a reason outside the code (etcd unreachable, port taken): one clear line, no stack. */
public class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
