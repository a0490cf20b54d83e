package io.gochat.protocol.service;

import java.io.Serializable;

/** A profile, or code 1 / 40000 with a reason. */
public record ProfileReply(int code, String message, ProfileView profile) implements Serializable {
    public static ProfileReply of(ProfileView profile) {
        return new ProfileReply(0, "ok", profile);
    }

    public static ProfileReply refused(String message) {
        return new ProfileReply(1, message, null);
    }

    public static ProfileReply badSession() {
        return new ProfileReply(PushReply.SESSION_ERROR, "Session error", null);
    }

    public boolean ok() {
        return code == 0;
    }
}
