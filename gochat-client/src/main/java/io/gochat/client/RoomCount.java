package io.gochat.client;

/**
 * Op 4: how many users are online in the client's room.
 *
 * @param count users online
 */
public record RoomCount(int count) {
}
