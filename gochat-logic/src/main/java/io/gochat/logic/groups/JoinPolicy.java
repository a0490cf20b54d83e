package io.gochat.logic.groups;

import java.util.Locale;

/** How a user gets into a group: joins at once, asks an admin, or only by an admin's invitation. */
public enum JoinPolicy {
    OPEN, APPROVAL, INVITE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy named {@code id} ("open", "approval", "invite"); null for anything else. */
    public static JoinPolicy of(String id) {
        if (id == null) {
            return null;
        }
        for (JoinPolicy p : values()) {
            if (p.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }
}
