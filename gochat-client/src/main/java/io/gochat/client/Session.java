package io.gochat.client;

/**
 * A logged-in user: the token the HTTP API gave, and who it belongs to.
 *
 * @param token    the authToken for HTTP routes and the socket's auth frame
 * @param userId   the user's id
 * @param userName the user's name
 */
public record Session(String token, long userId, String userName) {
    @Override
    public String toString() {
        return "Session[" + userName + " #" + userId + "]";   // never the token
    }
}
