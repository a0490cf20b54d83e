package io.gochat.api.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** gochat's envelope, always sent with HTTP 200: code 0 ok, 1 failure, 40000 bad session. */
@JsonPropertyOrder({"code", "message", "data"})
public record ApiResponse(int code, String message, Object data) {
    public static final int OK = 0;
    public static final int FAIL = 1;
    public static final int SESSION_ERROR = 40000;

    public static ApiResponse ok(String message, Object data) {
        return new ApiResponse(OK, message, data);
    }

    public static ApiResponse fail(String message) {
        return new ApiResponse(FAIL, message, null);
    }

    public static ApiResponse sessionError() {
        return new ApiResponse(SESSION_ERROR, "Session error", null);
    }
}
