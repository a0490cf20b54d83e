package io.gochat.connect.session;

/** User event: the client has been quiet for the heartbeat interval; the session pings it. */
public enum HeartbeatDue {
    INSTANCE
}
