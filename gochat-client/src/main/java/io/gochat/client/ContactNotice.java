package io.gochat.client;

/**
 * A contacts notification (ops 20–25, see docs/protocol.md): 20 a friend request to you, 21 your request was
 * accepted, 22 declined, 23 a friend removed or blocked you, 24 a friend's profile changed, 25 a friend came
 * online or went offline.
 *
 * @param op         the op number
 * @param noticeId   its id (ops 20–24 are also listed by {@code /contacts/notices}); empty if none
 * @param serverTime epoch ms when it was sent
 * @param json       the whole frame, for the op's own fields ({@code request}, {@code user}, {@code userId}, …)
 */
public record ContactNotice(int op, String noticeId, long serverTime, String json) {
}
