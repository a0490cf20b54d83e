package io.gochat.logic.contacts;

import java.util.Set;

/** The statuses a user may choose, and what others see. */
public final class PresenceStatus {
    public static final String ONLINE = "online";
    public static final String AWAY = "away";
    public static final String BUSY = "busy";
    public static final String INVISIBLE = "invisible";
    /** Shown for users with no connection, invisible users, and users who blocked the viewer. */
    public static final String OFFLINE = "offline";
    public static final Set<String> CHOSEN = Set.of(ONLINE, AWAY, BUSY, INVISIBLE);

    private PresenceStatus() {
    }

    /** What another user sees, given the chosen status and whether the user has a live connection. */
    public static String seen(String chosen, boolean connected) {
        if (!connected || INVISIBLE.equals(chosen)) {
            return OFFLINE;
        }
        return CHOSEN.contains(chosen) ? chosen : ONLINE;
    }
}
