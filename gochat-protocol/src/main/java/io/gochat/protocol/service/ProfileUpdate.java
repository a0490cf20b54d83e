package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * Changes to one's own profile; a null field stays as it is.
 *
 * @param status {@code online}, {@code away}, {@code busy} or {@code invisible}
 */
public record ProfileUpdate(String nickname, String avatarUrl, String bio, String status) implements Serializable {
}
