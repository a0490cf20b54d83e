package io.gochat.protocol.service;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Groups: stored, with roles (owner, admins, members), delivered to every member online whatever room
 * their connections joined. Exported by every logic server. {@code userId} is the caller, taken from a
 * checked session by the api or a connect server, never from the client. Every rule is checked here;
 * a refusal is code 1 with a reason, never an exception.
 */
public interface GroupService {

    /** Creates a group owned by {@code userId}; data = the group. */
    CompletableFuture<GroupReply> create(long userId, GroupSpec spec);

    /** A group's public card (name, avatar, notice, policy, members, limit); data = the group. */
    CompletableFuture<GroupReply> info(long userId, long groupId);

    /** Groups whose name contains {@code query}, or whose id it is; data = a list of groups. */
    CompletableFuture<GroupReply> search(long userId, String query, int limit);

    /** The caller's groups with the caller's role in each; data = a list of groups. */
    CompletableFuture<GroupReply> mine(long userId);

    /** Members with role, nickname and mute (members only); data = a list of members. */
    CompletableFuture<GroupReply> members(long userId, long groupId);

    /** Joins an open group, or asks to join one that needs approval (refused: invite only, banned, full). */
    CompletableFuture<GroupReply> join(long userId, long groupId, String note);

    /** Pending join requests (admins); data = a list of requests. */
    CompletableFuture<GroupReply> requests(long userId, long groupId);

    /** Approves or declines a pending request (admins). */
    CompletableFuture<GroupReply> decide(long userId, long groupId, long applicantId, boolean approve);

    /** Adds a user (admins; the way into an invite-only group). */
    CompletableFuture<GroupReply> invite(long userId, long groupId, long inviteeId);

    /** Leaves (not the owner: transfer or dissolve first). */
    CompletableFuture<GroupReply> leave(long userId, long groupId);

    /** Removes a member (admins remove members, the owner anyone); {@code ban} keeps them from rejoining. */
    CompletableFuture<GroupReply> kick(long userId, long groupId, long targetId, boolean ban);

    /** The banned users (admins); data = a list of user ids and names. */
    CompletableFuture<GroupReply> bans(long userId, long groupId);

    /** Lifts a ban (admins). */
    CompletableFuture<GroupReply> unban(long userId, long groupId, long targetId);

    /** Makes a member an admin or an admin a member ({@code role} "admin" or "member"; the owner only). */
    CompletableFuture<GroupReply> setRole(long userId, long groupId, long targetId, String role);

    /** Hands the group to another member (the owner only); the old owner becomes an admin. */
    CompletableFuture<GroupReply> transfer(long userId, long groupId, long newOwnerId);

    /** Changes name, avatar, notice or join policy (admins); null fields stay. */
    CompletableFuture<GroupReply> edit(long userId, long groupId, GroupSpec changes);

    /** Mutes a member for {@code seconds} (0 = unmute; admins, and only the owner mutes an admin). */
    CompletableFuture<GroupReply> mute(long userId, long groupId, long targetId, long seconds);

    /** Mutes or unmutes the whole group: only admins and the owner may send while it is muted. */
    CompletableFuture<GroupReply> muteAll(long userId, long groupId, boolean muted);

    /** Sets the caller's own nickname in the group (empty = none). */
    CompletableFuture<GroupReply> nickname(long userId, long groupId, String nickname);

    /** Ends the group (the owner only): members are told, the group and its members are deleted. */
    CompletableFuture<GroupReply> dissolve(long userId, long groupId);

    /**
     * A message to the group from a member, over HTTP or a socket: stored, then delivered to every member
     * online. Refused (code 1) for non-members, muted members, a muted group, bad text.
     */
    CompletableFuture<PushReply> send(long userId, String userName, long groupId, String msg);

    /**
     * {@link #send(long, String, long, String)} with the sender's own id of the message ({@code clientMsgId},
     * 1–64 characters, or null): a send retried with the same one is stored once.
     */
    default CompletableFuture<PushReply> send(long userId, String userName, long groupId, String msg, String clientMsgId) {
        return send(userId, userName, groupId, msg);
    }

    /** The group's messages and events below {@code beforeId} (members only), oldest first; targetId = group. */
    CompletableFuture<HistoryReply> history(HistoryQuery query);

    /** The group's messages and events after {@code sinceId} (members only), oldest first: catching up. */
    CompletableFuture<HistoryReply> since(long userId, long groupId, long sinceId, int limit);

    /** The caller's stored group notices after {@code sinceId}, oldest first; data = a list of notices. */
    CompletableFuture<GroupReply> notices(long userId, long sinceId, int limit);

    /** The ids of the user's groups (connect servers index their users by group). */
    CompletableFuture<List<Long>> groupsOf(long userId);
}
