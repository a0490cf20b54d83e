package io.gochat.logic.groups;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.logic.exec.BlockingWork;
import io.gochat.logic.history.HistoryService;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.logic.user.AccountService;
import io.gochat.protocol.service.GroupReply;
import io.gochat.protocol.service.GroupService;
import io.gochat.protocol.service.GroupSpec;
import io.gochat.protocol.service.HistoryQuery;
import io.gochat.protocol.service.HistoryReply;
import io.gochat.protocol.service.PushReply;
import io.gochat.redis.queue.MessageQueue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The RPC face of groups: checks that there is a caller, then runs the action on logic's bounded work pool
 * (database work blocks), so Dubbo's and Netty's threads return at once.
 */
public final class GroupServiceImpl implements GroupService {
    private final BlockingWork work;
    private final BlockingWork.Route actions;
    private final BlockingWork.Route reads;
    private final BlockingWork.Route sends;
    private final GroupMembership membership;
    private final GroupAdministration admin;
    private final GroupQueries queries;
    private final GroupMessages messages;

    /**
     * @param senderCheck the per-user message rate limit (null answer = accept)
     * @param maxMembers  {@code group.memberLimit}
     */
    public GroupServiceImpl(BlockingWork work, UserDatabase db, AccountService accounts, MessageWriter store,
                            MessageQueue queue, MessageIds ids, HistoryService history,
                            LongFunction<PushReply> senderCheck, int maxMembers) {
        db.addMapper(GroupMapper.class);
        this.work = work;
        this.actions = work.route("group");
        this.reads = work.route("groupRead");
        this.sends = work.route("groupMessage");
        GroupViews views = new GroupViews(accounts);
        GroupEvents events = new GroupEvents(db, store, queue, ids);
        this.membership = new GroupMembership(db, accounts, events, views);
        this.admin = new GroupAdministration(db, events, views, maxMembers);
        this.queries = new GroupQueries(db, views, history);
        this.messages = new GroupMessages(db, store, ids, senderCheck);
    }

    private CompletableFuture<GroupReply> act(long userId, Supplier<GroupReply> action) {
        return userId <= 0 ? CompletableFuture.completedFuture(GroupReply.refused("no user"))
                : work.submit(actions, action);
    }

    private CompletableFuture<GroupReply> read(long userId, Supplier<GroupReply> action) {
        return userId <= 0 ? CompletableFuture.completedFuture(GroupReply.refused("no user"))
                : work.submit(reads, action);
    }

    @Override
    public CompletableFuture<GroupReply> create(long userId, GroupSpec spec) {
        return act(userId, () -> admin.create(userId, spec));
    }

    @Override
    public CompletableFuture<GroupReply> info(long userId, long groupId) {
        return read(userId, () -> queries.info(groupId));
    }

    @Override
    public CompletableFuture<GroupReply> search(long userId, String query, int limit) {
        return read(userId, () -> queries.search(query, limit));
    }

    @Override
    public CompletableFuture<GroupReply> mine(long userId) {
        return read(userId, () -> queries.mine(userId));
    }

    @Override
    public CompletableFuture<GroupReply> members(long userId, long groupId) {
        return read(userId, () -> queries.members(userId, groupId));
    }

    @Override
    public CompletableFuture<GroupReply> join(long userId, long groupId, String note) {
        return act(userId, () -> membership.join(userId, groupId, note));
    }

    @Override
    public CompletableFuture<GroupReply> requests(long userId, long groupId) {
        return read(userId, () -> queries.requests(userId, groupId));
    }

    @Override
    public CompletableFuture<GroupReply> decide(long userId, long groupId, long applicantId, boolean approve) {
        return act(userId, () -> membership.decide(userId, groupId, applicantId, approve));
    }

    @Override
    public CompletableFuture<GroupReply> invite(long userId, long groupId, long inviteeId) {
        return act(userId, () -> membership.invite(userId, groupId, inviteeId));
    }

    @Override
    public CompletableFuture<GroupReply> leave(long userId, long groupId) {
        return act(userId, () -> membership.leave(userId, groupId));
    }

    @Override
    public CompletableFuture<GroupReply> kick(long userId, long groupId, long targetId, boolean ban) {
        return act(userId, () -> membership.kick(userId, groupId, targetId, ban));
    }

    @Override
    public CompletableFuture<GroupReply> bans(long userId, long groupId) {
        return read(userId, () -> membership.bans(userId, groupId));
    }

    @Override
    public CompletableFuture<GroupReply> unban(long userId, long groupId, long targetId) {
        return act(userId, () -> membership.unban(userId, groupId, targetId));
    }

    @Override
    public CompletableFuture<GroupReply> setRole(long userId, long groupId, long targetId, String role) {
        return act(userId, () -> admin.setRole(userId, groupId, targetId, role));
    }

    @Override
    public CompletableFuture<GroupReply> transfer(long userId, long groupId, long newOwnerId) {
        return act(userId, () -> admin.transfer(userId, groupId, newOwnerId));
    }

    @Override
    public CompletableFuture<GroupReply> edit(long userId, long groupId, GroupSpec changes) {
        return act(userId, () -> admin.edit(userId, groupId, changes));
    }

    @Override
    public CompletableFuture<GroupReply> mute(long userId, long groupId, long targetId, long seconds) {
        return act(userId, () -> admin.mute(userId, groupId, targetId, seconds));
    }

    @Override
    public CompletableFuture<GroupReply> muteAll(long userId, long groupId, boolean muted) {
        return act(userId, () -> admin.muteAll(userId, groupId, muted));
    }

    @Override
    public CompletableFuture<GroupReply> nickname(long userId, long groupId, String nickname) {
        return act(userId, () -> admin.nickname(userId, groupId, nickname));
    }

    @Override
    public CompletableFuture<GroupReply> dissolve(long userId, long groupId) {
        return act(userId, () -> admin.dissolve(userId, groupId));
    }

    @Override
    public CompletableFuture<PushReply> send(long userId, String userName, long groupId, String msg) {
        return send(userId, userName, groupId, msg, null);
    }

    @Override
    public CompletableFuture<PushReply> send(long userId, String userName, long groupId, String msg, String clientMsgId) {
        if (userId <= 0) {
            return CompletableFuture.completedFuture(PushReply.refused("no sender"));
        }
        return work.submit(sends, () -> messages.send(userId, userName, groupId, msg, clientMsgId)).thenCompose(f -> f);
    }

    @Override
    public CompletableFuture<HistoryReply> history(HistoryQuery query) {
        if (query == null || query.userId() <= 0) {
            return CompletableFuture.completedFuture(HistoryReply.refused("no user"));
        }
        return work.submit(reads, () -> queries.history(query));
    }

    @Override
    public CompletableFuture<HistoryReply> since(long userId, long groupId, long sinceId, int limit) {
        if (userId <= 0) {
            return CompletableFuture.completedFuture(HistoryReply.refused("no user"));
        }
        return work.submit(reads, () -> queries.since(userId, groupId, sinceId, limit));
    }

    @Override
    public CompletableFuture<GroupReply> notices(long userId, long sinceId, int limit) {
        return read(userId, () -> queries.notices(userId, sinceId, limit));
    }

    @Override
    public CompletableFuture<List<Long>> groupsOf(long userId) {
        if (userId <= 0) {
            return CompletableFuture.completedFuture(new java.util.ArrayList<>());
        }
        return work.submit(reads, () -> queries.groupsOf(userId));
    }
}
