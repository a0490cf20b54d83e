package io.gochat.logic.groups;

/** A row of {@code chat_group} (MyBatis fills the fields); {@code myRole} only in a user's own list. */
public final class GroupRow {
    public long id;
    public String name;
    public String nameKey;
    public String avatar;
    public String notice;
    public long ownerId;
    public String joinPolicy;
    public int memberLimit;
    public int memberCount;
    public int mutedAll;
    public long createdAt;
    public String myRole;

    public boolean mutedAll() {
        return mutedAll != 0;
    }
}
