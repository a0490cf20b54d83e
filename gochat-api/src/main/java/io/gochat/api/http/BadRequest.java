package io.gochat.api.http;

/** The request cannot be served as sent; the message is shown to the client (code 1, or the given code). */
public class BadRequest extends RuntimeException {
    private final transient ApiResponse response;

    public BadRequest(String message) {
        this(ApiResponse.fail(message));
    }

    public BadRequest(ApiResponse response) {
        super(response.message(), null, false, false);   // expected: no stack trace
        this.response = response;
    }

    public ApiResponse response() {
        return response;
    }
}
