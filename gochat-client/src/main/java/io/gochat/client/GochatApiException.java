package io.gochat.client;

/** The HTTP API answered with a non-zero code, or could not be reached. */
public class GochatApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Code of a transport failure (no answer at all). */
    public static final int UNREACHABLE = -1;
    private final int code;

    /**
     * @param code    the envelope's code (1, 40000), or {@link #UNREACHABLE}
     * @param message the server's sentence
     */
    public GochatApiException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** @return the envelope's code: 1 failure, 40000 bad session, -1 no answer */
    public int code() {
        return code;
    }

    /** @return true when the token is bad, expired or logged out */
    public boolean isSessionError() {
        return code == ServerError.SESSION_ERROR;
    }
}
