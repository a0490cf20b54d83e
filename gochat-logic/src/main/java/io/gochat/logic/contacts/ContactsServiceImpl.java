package io.gochat.logic.contacts;

import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.session.SessionStore;
import io.gochat.protocol.service.ContactReply;
import io.gochat.protocol.service.ContactsService;
import io.gochat.protocol.service.FriendListReply;
import io.gochat.protocol.service.NoticeListReply;
import io.gochat.protocol.service.ProfileReply;
import io.gochat.protocol.service.ProfileUpdate;
import io.gochat.protocol.service.RequestListReply;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.UserListReply;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Dubbo-facing {@link ContactsService}: every call first finds the caller's session (40000 when it
 * is not live), then acts as that user only, on logic's bounded work pool (Dubbo's threads return at once).
 */
final class ContactsServiceImpl implements ContactsService {
    static final int MAX_NOTICES = 200;

    private final BlockingWork work;
    private final SessionStore sessions;
    private final Profiles profiles;
    private final Friends friends;
    private final Blocks blocks;
    private final ContactsReads reads;

    ContactsServiceImpl(BlockingWork work, SessionStore sessions, Profiles profiles, Friends friends, Blocks blocks,
                        ContactsReads reads) {
        this.work = work;
        this.sessions = sessions;
        this.profiles = profiles;
        this.friends = friends;
        this.blocks = blocks;
        this.reads = reads;
    }

    @Override
    public CompletableFuture<ProfileReply> myProfile(String token) {
        return as("myProfile", token, ProfileReply::badSession, s -> profiles.own(s.userId()));
    }

    @Override
    public CompletableFuture<ProfileReply> updateProfile(String token, ProfileUpdate update) {
        return as("updateProfile", token, ProfileReply::badSession, s -> profiles.update(s.userId(), update));
    }

    @Override
    public CompletableFuture<ProfileReply> profile(String token, long userId) {
        return as("profile", token, ProfileReply::badSession, s -> profiles.of(s.userId(), userId));
    }

    @Override
    public CompletableFuture<UserListReply> searchUsers(String token, String prefix, int offset, int limit) {
        return as("searchUsers", token, UserListReply::badSession, s -> profiles.search(s.userId(), prefix, offset, limit));
    }

    @Override
    public CompletableFuture<ContactReply> requestFriend(String token, long toUserId, String note) {
        return as("requestFriend", token, ContactReply::badSession, s -> friends.request(s.userId(), toUserId, note));
    }

    @Override
    public CompletableFuture<ContactReply> answerRequest(String token, long requestId, boolean accept) {
        return as("answerRequest", token, ContactReply::badSession, s -> friends.answer(s.userId(), requestId, accept));
    }

    @Override
    public CompletableFuture<RequestListReply> requests(String token, String box) {
        return as("requests", token, RequestListReply::badSession, s -> friends.requests(s.userId(), box));
    }

    @Override
    public CompletableFuture<FriendListReply> friends(String token) {
        return as("friends", token, FriendListReply::badSession, s -> friends.list(s.userId()));
    }

    @Override
    public CompletableFuture<ContactReply> setRemark(String token, long friendId, String remark) {
        return as("setRemark", token, ContactReply::badSession, s -> friends.setRemark(s.userId(), friendId, remark));
    }

    @Override
    public CompletableFuture<ContactReply> removeFriend(String token, long friendId, boolean deleteHistory) {
        return as("removeFriend", token, ContactReply::badSession,
                s -> friends.remove(s.userId(), friendId, deleteHistory));
    }

    @Override
    public CompletableFuture<ContactReply> block(String token, long userId) {
        return as("block", token, ContactReply::badSession, s -> blocks.block(s.userId(), userId));
    }

    @Override
    public CompletableFuture<ContactReply> unblock(String token, long userId) {
        return as("unblock", token, ContactReply::badSession, s -> blocks.unblock(s.userId(), userId));
    }

    @Override
    public CompletableFuture<UserListReply> blocked(String token) {
        return as("blocked", token, UserListReply::badSession, s -> blocks.list(s.userId()));
    }

    @Override
    public CompletableFuture<NoticeListReply> notices(String token, long sinceId, int limit) {
        int size = limit <= 0 ? 50 : Math.min(limit, MAX_NOTICES);
        return as("notices", token, NoticeListReply::badSession, s -> reads.notices(s.userId(), sinceId, size));
    }

    private <T> CompletableFuture<T> as(String route, String token, Supplier<T> badSession, Function<SessionInfo, T> call) {
        if (token == null || token.isBlank()) {
            return CompletableFuture.completedFuture(badSession.get());
        }
        return work.submit("contacts." + route, () -> {
            SessionInfo session = sessions.find(token);
            return session == null ? badSession.get() : call.apply(session);
        });
    }
}
