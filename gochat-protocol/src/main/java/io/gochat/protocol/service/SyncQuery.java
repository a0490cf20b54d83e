package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * Which conversation to sync, named by exactly one of {@code conversation} ({@code r:<roomId>},
 * {@code p:<userA>:<userB>} with the caller one of the two, {@code g:<groupId>}), {@code roomId},
 * {@code withUserId} or {@code groupId} (0 / null = not given); then the messages after {@code afterSeq}, at
 * most {@code limit} (0 = the default, 100; at most 500).
 */
public record SyncQuery(String conversation, long roomId, long withUserId, long groupId, long afterSeq, int limit)
        implements Serializable {
}
