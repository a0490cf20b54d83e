package io.gochat.protocol.service;

import java.util.concurrent.CompletableFuture;

/**
 * Profiles, friends and blocks, exported by every logic server beside {@link LogicService}. Every call
 * names the caller by its session token: logic checks it (code 40000 when it is not a live session) and
 * acts for that user only, so no caller can read or change another user's friends, requests or profile.
 * Business refusals are code 1 with a sentence a person can read ("user 8 has blocked you"), never
 * exceptions.
 */
public interface ContactsService {

    /** The caller's own profile (their chosen status as set, invisible included). */
    CompletableFuture<ProfileReply> myProfile(String token);

    /** Changes the caller's nickname, avatar URL, bio or status (null fields stay as they are). */
    CompletableFuture<ProfileReply> updateProfile(String token, ProfileUpdate update);

    /** Another user's profile as the caller may see it (offline when invisible or when they blocked the caller). */
    CompletableFuture<ProfileReply> profile(String token, long userId);

    /** Users whose name or nickname starts with {@code prefix} (case-insensitive), a page at a time. */
    CompletableFuture<UserListReply> searchUsers(String token, String prefix, int offset, int limit);

    /** Asks {@code toUserId} to be friends; accepted at once when they had asked the caller already. */
    CompletableFuture<ContactReply> requestFriend(String token, long toUserId, String note);

    /** Accepts or declines a request addressed to the caller. */
    CompletableFuture<ContactReply> answerRequest(String token, long requestId, boolean accept);

    /** The caller's pending requests: {@code incoming}, {@code outgoing} or {@code pending} (both). */
    CompletableFuture<RequestListReply> requests(String token, String box);

    /** The caller's friends, each with the caller's remark, their status and last-seen time. */
    CompletableFuture<FriendListReply> friends(String token);

    /** Sets the caller's private alias for a friend (empty = none). */
    CompletableFuture<ContactReply> setRemark(String token, long friendId, String remark);

    /** Ends a friendship on both sides; {@code deleteHistory} also hides the 1:1 history from the caller. */
    CompletableFuture<ContactReply> removeFriend(String token, long friendId, boolean deleteHistory);

    /** Blocks a user (and ends the friendship): they cannot message or request the caller, nor see their status. */
    CompletableFuture<ContactReply> block(String token, long userId);

    CompletableFuture<ContactReply> unblock(String token, long userId);

    /** The users the caller has blocked. */
    CompletableFuture<UserListReply> blocked(String token);

    /** Contact notifications to the caller (the bodies the socket delivered), newest last, after {@code sinceId}. */
    CompletableFuture<NoticeListReply> notices(String token, long sinceId, int limit);
}
