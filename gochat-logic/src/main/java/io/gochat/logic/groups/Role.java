package io.gochat.logic.groups;

import java.util.Locale;

/** A member's role in a group; a higher rank may act on a lower one. Stored as its lower-case name. */
public enum Role {
    MEMBER(1), ADMIN(2), OWNER(3);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return rank >= other.rank;
    }

    public boolean above(Role other) {
        return rank > other.rank;
    }

    /** The role stored as {@code id}; null for anything else. */
    public static Role of(String id) {
        if (id == null) {
            return null;
        }
        for (Role r : values()) {
            if (r.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        return null;
    }
}
