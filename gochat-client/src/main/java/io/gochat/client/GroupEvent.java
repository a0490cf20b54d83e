package io.gochat.client;

/**
 * Something that happened in a group (op 31): {@code member_joined}, {@code member_left}, {@code member_kicked},
 * {@code role_changed}, {@code owner_changed}, {@code group_edited}, {@code member_muted}, {@code group_muted},
 * {@code dissolved}, or a notice to this user ({@code added}, {@code removed}, {@code left}, {@code join_request},
 * {@code request_declined}). The other fields differ by event: read them from {@code json}.
 *
 * @param msgId     unique id of the event
 * @param groupId   the group
 * @param groupName its name
 * @param event     what happened
 * @param userId    the user it is about (0 when none)
 * @param json      the whole frame (docs/protocol.md lists each event's fields)
 */
public record GroupEvent(long msgId, long groupId, String groupName, String event, long userId, String json) {
}
