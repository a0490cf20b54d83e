package io.gochat.logic.groups;

/** A row of {@code group_member} (MyBatis fills the fields). */
public final class MemberRow {
    public long groupId;
    public long userId;
    public String role;
    public String nickname;
    public long mutedUntil;
    public long joinedAt;
    /** Only in {@link GroupMapper#sender}: 1 when the whole group is muted. */
    public int groupMuted;

    public Role role() {
        Role r = Role.of(role);
        return r == null ? Role.MEMBER : r;
    }
}
