package io.gochat.logic.user;

/**
 * Limits on what a user may choose. Checked in logic (the api checks too, but connect or a future
 * caller must not be able to store a 1 MB user name). gochat's column is varchar(20).
 */
public final class Credentials {
    public static final int MAX_NAME_LENGTH = 20;
    public static final int MAX_PASSWORD_LENGTH = 64;

    private Credentials() {
    }

    /** Null if acceptable, else a message a user may read. */
    public static String problem(String userName, String password) {
        if (userName == null || userName.isBlank()) {
            return "userName is required";
        }
        if (password == null || password.isEmpty()) {
            return "passWord is required";
        }
        if (userName.codePointCount(0, userName.length()) > MAX_NAME_LENGTH) {
            return "userName is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            return "passWord is longer than " + MAX_PASSWORD_LENGTH + " characters";
        }
        if (userName.chars().anyMatch(Character::isISOControl)) {
            return "userName contains control characters";
        }
        return null;
    }
}
