package io.gochat.logic.contacts;

/**
 * A user joined with their profile row (absent columns are null: the defaults apply); a mutable bean
 * because MyBatis fills it.
 */
public class ProfileRow {
    private long userId;
    private String userName;
    private String nickname;
    private String avatarUrl;
    private String bio;
    private String status;

    public long getUserId() {
        return userId;
    }

    public void setUserId(long userId) {
        this.userId = userId;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getNickname() {
        return nickname == null ? "" : nickname;
    }

    public void setNickname(String nickname) {
        this.nickname = nickname;
    }

    public String getAvatarUrl() {
        return avatarUrl == null ? "" : avatarUrl;
    }

    public void setAvatarUrl(String avatarUrl) {
        this.avatarUrl = avatarUrl;
    }

    public String getBio() {
        return bio == null ? "" : bio;
    }

    public void setBio(String bio) {
        this.bio = bio;
    }

    /** The status the user chose ({@link PresenceStatus}); online when never set. */
    public String getStatus() {
        return status == null || status.isEmpty() ? PresenceStatus.ONLINE : status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
