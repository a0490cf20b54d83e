package io.gochat.client;

/**
 * A message to a group (op 30), as the server delivers it to every member online, or from the group's history.
 *
 * @param msgId        unique, 64-bit, grows with time; duplicates share it
 * @param groupId      the group
 * @param fromUserId   sender (set by the server from the sender's session)
 * @param fromUserName sender's name
 * @param nickname     the sender's nickname in the group ("" = none)
 * @param msg          the text
 * @param createTime   time stamp text ({@code yyyy-MM-dd HH:mm:ss})
 * @param serverTime   epoch ms when the server accepted it
 */
public record GroupMessage(long msgId, long groupId, long fromUserId, String fromUserName, String nickname, String msg,
                           String createTime, long serverTime) {
}
