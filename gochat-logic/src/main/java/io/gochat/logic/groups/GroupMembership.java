package io.gochat.logic.groups;

import static io.gochat.logic.groups.GroupReplies.run;
import static io.gochat.logic.groups.GroupReplies.unique;

import io.gochat.logic.storage.UserDatabase;
import io.gochat.logic.user.AccountService;
import io.gochat.protocol.service.Delivery;
import io.gochat.protocol.service.GroupReply;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in a group: joining (open, by request, by invitation), approving, leaving, kicking and banning.
 * Each change is one transaction, with the seat count kept within the member limit by a conditional
 * update, so two servers admitting the last seat at once cannot both succeed; events follow the commit.
 */
final class GroupMembership {
    private static final Logger log = LoggerFactory.getLogger(GroupMembership.class);

    private final UserDatabase db;
    private final AccountService accounts;
    private final GroupEvents events;
    private final GroupViews views;

    GroupMembership(UserDatabase db, AccountService accounts, GroupEvents events, GroupViews views) {
        this.db = db;
        this.accounts = accounts;
        this.events = events;
        this.views = views;
    }

    private enum Joined { MEMBER, REQUESTED }

    private record Outcome(GroupRow group, Joined joined, List<Long> admins) {
    }

    GroupReply join(long userId, long groupId, String note) {
        return run(() -> {
            String cleanNote = GroupFields.note(note);
            long now = System.currentTimeMillis();
            Outcome o = db.inTransaction(GroupMapper.class, m -> {
                GroupRow g = GroupAccess.group(m, groupId);
                if (m.member(g.id, userId) != null) {
                    throw new Refused("you are already a member of group " + g.id);
                }
                if (m.banned(g.id, userId) > 0) {
                    throw new Refused("you are banned from group " + g.id);
                }
                JoinPolicy policy = JoinPolicy.of(g.joinPolicy);
                if (policy == JoinPolicy.INVITE) {
                    throw new Refused("group " + g.id + " is invite only; ask an admin to invite you");
                }
                if (policy == JoinPolicy.APPROVAL) {
                    unique(() -> m.insertRequest(g.id, userId, cleanNote, now),
                            "your request to join group " + g.id + " is already waiting for an admin");
                    return new Outcome(g, Joined.REQUESTED, m.admins(g.id));
                }
                seat(m, g);
                unique(() -> m.insertMember(g.id, userId, Role.MEMBER.id(), now),
                        "you are already a member of group " + g.id);
                return new Outcome(g, Joined.MEMBER, List.of());
            });
            if (o.joined() == Joined.REQUESTED) {
                GroupEvent request = GroupEvent.of("join_request", o.group()).with("userId", userId)
                        .with("userName", views.name(userId)).with("note", cleanNote);
                o.admins().forEach(admin -> events.toUser(admin, request, 0, true));
                return GroupReply.ok("request sent; an admin of group " + groupId + " will decide", null);
            }
            admitted(o.group(), userId, 0);
            return GroupReply.ok("joined group " + groupId, views.groupJson(o.group()));
        });
    }

    GroupReply decide(long userId, long groupId, long applicantId, boolean approve) {
        return run(() -> {
            long now = System.currentTimeMillis();
            GroupRow g = db.inTransaction(GroupMapper.class, m -> {
                GroupRow group = GroupAccess.group(m, groupId);
                GroupAccess.admin(m, group, userId);
                if (m.deleteRequest(group.id, applicantId) == 0) {
                    throw new Refused("user " + applicantId + " has not asked to join group " + group.id);
                }
                if (approve) {
                    if (m.banned(group.id, applicantId) > 0) {
                        throw new Refused("user " + applicantId + " is banned from group " + group.id + "; unban them first");
                    }
                    seat(m, group);
                    unique(() -> m.insertMember(group.id, applicantId, Role.MEMBER.id(), now),
                            "user " + applicantId + " already is a member of group " + group.id);
                }
                return group;
            });
            if (approve) {
                admitted(g, applicantId, userId);
                return GroupReply.ok("user " + applicantId + " joined group " + groupId, null);
            }
            events.toUser(applicantId, GroupEvent.of("request_declined", g).with("byUserId", userId), 0, true);
            return GroupReply.ok("request declined", null);
        });
    }

    GroupReply invite(long userId, long groupId, long inviteeId) {
        return run(() -> {
            if (inviteeId <= 0 || accounts.userName(inviteeId) == null) {
                throw new Refused("no user with id " + inviteeId);
            }
            long now = System.currentTimeMillis();
            GroupRow g = db.inTransaction(GroupMapper.class, m -> {
                GroupRow group = GroupAccess.group(m, groupId);
                GroupAccess.admin(m, group, userId);
                if (m.member(group.id, inviteeId) != null) {
                    throw new Refused("user " + inviteeId + " already is a member of group " + group.id);
                }
                if (m.banned(group.id, inviteeId) > 0) {
                    throw new Refused("user " + inviteeId + " is banned from group " + group.id + "; unban them first");
                }
                seat(m, group);
                unique(() -> m.insertMember(group.id, inviteeId, Role.MEMBER.id(), now),
                        "user " + inviteeId + " already is a member of group " + group.id);
                m.deleteRequest(group.id, inviteeId);
                return group;
            });
            admitted(g, inviteeId, userId);
            return GroupReply.ok("user " + inviteeId + " added to group " + groupId, null);
        });
    }

    GroupReply leave(long userId, long groupId) {
        return run(() -> {
            GroupRow g = db.inTransaction(GroupMapper.class, m -> {
                GroupRow group = GroupAccess.group(m, groupId);
                MemberRow me = GroupAccess.member(m, group, userId);
                if (me.role() == Role.OWNER) {
                    throw new Refused("the owner cannot leave group " + group.id + "; transfer it or dissolve it");
                }
                if (m.removeMember(group.id, userId) == 1) {
                    m.freeSeat(group.id);
                }
                return group;
            });
            events.toGroup(GroupEvent.of("member_left", g).with("userId", userId).with("userName", views.name(userId)),
                    userId);
            events.toUser(userId, GroupEvent.of("left", g), Delivery.LEFT, true);
            log.info("user {} left group {}", userId, groupId);
            return GroupReply.ok("left group " + groupId, null);
        });
    }

    GroupReply kick(long userId, long groupId, long targetId, boolean ban) {
        return run(() -> {
            long now = System.currentTimeMillis();
            GroupRow g = db.inTransaction(GroupMapper.class, m -> {
                GroupRow group = GroupAccess.group(m, groupId);
                MemberRow me = GroupAccess.admin(m, group, userId);
                if (targetId == userId) {
                    throw new Refused("you cannot remove yourself from group " + group.id + "; leave it instead");
                }
                MemberRow target = GroupAccess.target(m, group, targetId);
                if (target.role() == Role.OWNER) {
                    throw new Refused("you cannot remove the owner of group " + group.id);
                }
                if (!me.role().above(target.role())) {
                    throw new Refused("only the owner of group " + group.id + " may remove an admin");
                }
                if (m.removeMember(group.id, targetId) == 1) {
                    m.freeSeat(group.id);
                }
                if (ban && m.banned(group.id, targetId) == 0) {
                    m.insertBan(group.id, targetId, userId, now);
                }
                return group;
            });
            events.toGroup(GroupEvent.of("member_kicked", g).with("userId", targetId)
                    .with("userName", views.name(targetId)).with("byUserId", userId).with("banned", ban), userId);
            events.toUser(targetId, GroupEvent.of("removed", g).with("byUserId", userId).with("banned", ban),
                    Delivery.LEFT, true);
            log.info("user {} removed user {} from group {}{}", userId, targetId, groupId, ban ? " with a ban" : "");
            return GroupReply.ok("user " + targetId + " removed from group " + groupId + (ban ? " and banned" : ""), null);
        });
    }

    GroupReply bans(long userId, long groupId) {
        return run(() -> db.with(GroupMapper.class, m -> {
            GroupRow g = GroupAccess.group(m, groupId);
            GroupAccess.admin(m, g, userId);
            return GroupReply.ok("ok", views.requestsJson(m.bans(g.id), true));
        }));
    }

    GroupReply unban(long userId, long groupId, long targetId) {
        return run(() -> db.with(GroupMapper.class, m -> {
            GroupRow g = GroupAccess.group(m, groupId);
            GroupAccess.admin(m, g, userId);
            if (m.deleteBan(g.id, targetId) == 0) {
                throw new Refused("user " + targetId + " is not banned from group " + g.id);
            }
            return GroupReply.ok("user " + targetId + " may join group " + groupId + " again", null);
        }));
    }

    /** Takes a seat or refuses: the group is full. */
    private static void seat(GroupMapper m, GroupRow g) {
        if (m.takeSeat(g.id) == 0) {
            throw new Refused("group " + g.id + " is full (" + g.memberLimit + " members)");
        }
    }

    /** The new member's connections learn the group first, then every member hears who joined. */
    private void admitted(GroupRow g, long newMember, long byUserId) {
        events.toUser(newMember, GroupEvent.of("added", g).with("byUserId", byUserId), Delivery.JOINED, true);
        events.toGroup(GroupEvent.of("member_joined", g).with("userId", newMember).with("userName", views.name(newMember))
                .with("byUserId", byUserId), byUserId > 0 ? byUserId : newMember);
        log.info("user {} joined group {}", newMember, g.id);
    }
}
