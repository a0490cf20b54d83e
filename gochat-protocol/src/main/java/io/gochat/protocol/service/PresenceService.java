package io.gochat.protocol.service;

import java.util.concurrent.CompletableFuture;

/**
 * Exported by every logic server: connect servers keep the presence recorded for them (routes, room
 * membership, counts) equal to the connections they really hold. It repairs presence that Redis lost
 * (a restart without persistence, FLUSHALL), that logic removed while the server's etcd lease had lapsed
 * (a long pause), and leftovers (a connect call that timed out, a disconnect that never arrived, a
 * previous run under the same server id).
 */
public interface PresenceService {

    /** How many connections are recorded for {@code serverId}: a cheap check before a {@link #reconcile}. */
    CompletableFuture<Long> recorded(String serverId);

    /**
     * Makes the connections recorded for the snapshot's server exactly its live ones: adds those missing
     * (with their rooms), removes those that are gone, leaving alone the ones still authenticating.
     * Joins and leaves it causes are announced to the rooms as usual.
     */
    CompletableFuture<ReconcileReply> reconcile(PresenceSnapshot snapshot);
}
