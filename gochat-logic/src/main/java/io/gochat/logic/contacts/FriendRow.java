package io.gochat.logic.contacts;

/** A friend of the user the list is for: their profile, the owner's remark for them, and since when. */
public class FriendRow extends ProfileRow {
    private String remark;
    private long createdAt;

    public String getRemark() {
        return remark == null ? "" : remark;
    }

    public void setRemark(String remark) {
        this.remark = remark;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }
}
