package io.gochat.logic.storage;

/** One row of the {@code user} table; a mutable bean because MyBatis fills the generated id in. */
public class UserRow {
    private long id;
    private String userName;
    private String nameKey;
    private String password;

    public UserRow() {
    }

    public UserRow(String userName, String password) {
        this.userName = userName;
        this.password = password;
    }

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getNameKey() {
        return nameKey;
    }

    public void setNameKey(String nameKey) {
        this.nameKey = nameKey;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
