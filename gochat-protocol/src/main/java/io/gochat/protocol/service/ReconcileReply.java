package io.gochat.protocol.service;

import java.io.Serializable;

/** What a {@link PresenceService#reconcile} changed: connections recorded again, and leftovers removed. */
public record ReconcileReply(int added, int removed) implements Serializable {
}
