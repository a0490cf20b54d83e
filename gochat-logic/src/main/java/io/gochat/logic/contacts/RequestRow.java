package io.gochat.logic.contacts;

/** One row of {@code friend_request}, with both users' names when read back; a bean MyBatis fills. */
public class RequestRow {
    private long id;
    private long fromUserId;
    private String fromUserName;
    private long toUserId;
    private String toUserName;
    private String note;
    private String state;
    private long createdAt;
    private long decidedAt;

    public RequestRow() {
    }

    public RequestRow(long fromUserId, long toUserId, String note, String state, long createdAt) {
        this.fromUserId = fromUserId;
        this.toUserId = toUserId;
        this.note = note;
        this.state = state;
        this.createdAt = createdAt;
    }

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public long getFromUserId() {
        return fromUserId;
    }

    public void setFromUserId(long fromUserId) {
        this.fromUserId = fromUserId;
    }

    public String getFromUserName() {
        return fromUserName;
    }

    public void setFromUserName(String fromUserName) {
        this.fromUserName = fromUserName;
    }

    public long getToUserId() {
        return toUserId;
    }

    public void setToUserId(long toUserId) {
        this.toUserId = toUserId;
    }

    public String getToUserName() {
        return toUserName;
    }

    public void setToUserName(String toUserName) {
        this.toUserName = toUserName;
    }

    public String getNote() {
        return note == null ? "" : note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getDecidedAt() {
        return decidedAt;
    }

    public void setDecidedAt(long decidedAt) {
        this.decidedAt = decidedAt;
    }
}
