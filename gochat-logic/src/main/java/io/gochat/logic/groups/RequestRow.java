package io.gochat.logic.groups;

/** A pending row of {@code group_join_request}, or of {@code group_ban} (note empty, byUserId who banned). */
public final class RequestRow {
    public long groupId;
    public long userId;
    public String note;
    public long byUserId;
    public long createdAt;
}
