package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A new group, or the changes to one ({@link GroupService#edit}: null fields stay as they are).
 *
 * @param joinPolicy  {@code open} (anyone joins), {@code approval} (an admin approves each request) or
 *                    {@code invite} (only admins add members)
 * @param memberLimit 0 = the server's default ({@code group.memberLimit}); never more than it
 */
public record GroupSpec(String name, String avatar, String notice, String joinPolicy, int memberLimit)
        implements Serializable {
}
