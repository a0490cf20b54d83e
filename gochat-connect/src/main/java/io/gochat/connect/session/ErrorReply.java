package io.gochat.connect.session;

import io.gochat.core.json.Json;

/** The error frame clients get: {@code {"code":1,"msg":"..."}}. */
public record ErrorReply(int code, String msg) {
    public static String json(String msg) {
        return Json.write(new ErrorReply(1, msg));
    }
}
