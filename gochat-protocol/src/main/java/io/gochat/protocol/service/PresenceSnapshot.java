package io.gochat.protocol.service;

import java.io.Serializable;
import java.util.List;

/**
 * What a connect server holds at one moment.
 *
 * @param live             its authenticated connections
 * @param pending          ids of connections still authenticating (logic may have recorded them already)
 * @param maxConnectionId  the highest connection id issued when the snapshot was taken: a recorded connection
 *                         with a higher (numeric) id started afterwards and is left alone
 */
public record PresenceSnapshot(String serverId, List<LiveConnection> live, List<String> pending, long maxConnectionId)
        implements Serializable {
}
