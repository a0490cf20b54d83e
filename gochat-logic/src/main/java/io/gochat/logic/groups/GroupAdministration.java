package io.gochat.logic.groups;

import static io.gochat.logic.groups.GroupReplies.run;

import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.service.Delivery;
import io.gochat.protocol.service.GroupReply;
import io.gochat.protocol.service.GroupSpec;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creating a group and running it: roles, ownership, the card, mutes, nicknames, dissolution. The owner
 * alone appoints admins, transfers and dissolves; admins edit and mute members; an admin is muted only by
 * the owner and the owner by nobody.
 */
final class GroupAdministration {
    private static final Logger log = LoggerFactory.getLogger(GroupAdministration.class);
    /** The longest a member may be muted for. */
    static final long MAX_MUTE_SECONDS = 30L * 24 * 3600;

    private final UserDatabase db;
    private final GroupEvents events;
    private final GroupViews views;
    private final int maxMembers;

    GroupAdministration(UserDatabase db, GroupEvents events, GroupViews views, int maxMembers) {
        this.db = db;
        this.events = events;
        this.views = views;
        this.maxMembers = maxMembers;
    }

    GroupReply create(long userId, GroupSpec spec) {
        return run(() -> {
            if (spec == null) {
                throw new Refused("name is required");
            }
            GroupRow g = new GroupRow();
            g.name = GroupFields.name(spec.name());
            g.nameKey = GroupFields.key(g.name);
            g.avatar = GroupFields.avatar(spec.avatar());
            g.notice = GroupFields.notice(spec.notice());
            g.joinPolicy = GroupFields.policy(spec.joinPolicy(), JoinPolicy.OPEN).id();
            if (spec.memberLimit() < 0 || spec.memberLimit() == 1) {
                throw new Refused("memberLimit must be at least 2");
            }
            if (spec.memberLimit() > maxMembers) {
                throw new Refused("memberLimit must be at most " + maxMembers);
            }
            g.memberLimit = spec.memberLimit() == 0 ? maxMembers : spec.memberLimit();
            g.ownerId = userId;
            g.createdAt = System.currentTimeMillis();
            db.inTransaction(GroupMapper.class, m -> {
                m.insertGroup(g);
                m.takeSeat(g.id);
                return m.insertMember(g.id, userId, Role.OWNER.id(), g.createdAt);
            });
            g.memberCount = 1;
            g.myRole = Role.OWNER.id();
            events.toUser(userId, GroupEvent.of("added", g).with("byUserId", userId), Delivery.JOINED, true);
            log.info("user {} created group {} ({})", userId, g.id, g.joinPolicy);
            return GroupReply.ok("group created", views.groupJson(g));
        });
    }

    GroupReply setRole(long userId, long groupId, long targetId, String roleName) {
        return run(() -> {
            Role role = Role.of(roleName);
            if (role == null || role == Role.OWNER) {
                throw new Refused("role must be admin or member");
            }
            GroupRow g = db.inTransaction(GroupMapper.class, m -> {
                GroupRow group = GroupAccess.group(m, groupId);
                GroupAccess.owner(m, group, userId);
                MemberRow target = GroupAccess.target(m, group, targetId);
                if (target.role() == Role.OWNER) {
                    throw new Refused("the owner of group " + group.id + " changes only by a transfer");
                }
                if (target.role() == role) {
                    throw new Refused("user " + targetId + " already is " + (role == Role.ADMIN ? "an admin" : "a member")
                            + " of group " + group.id);
                }
                if (m.changeRole(group.id, targetId, target.role().id(), role.id()) == 0) {
                    throw new Refused("the role of user " + targetId + " changed meanwhile; try again");
                }
                return group;
            });
            GroupEvent e = GroupEvent.of("role_changed", g).with("userId", targetId).with("userName", views.name(targetId))
                    .with("role", role.id()).with("byUserId", userId);
            events.toGroup(e, userId);
            events.toUser(targetId, e, 0, false);
            return GroupReply.ok("user " + targetId + " is now " + (role == Role.ADMIN ? "an admin" : "a member")
                    + " of group " + groupId, null);
        });
    }

    GroupReply transfer(long userId, long groupId, long newOwnerId) {
        return run(() -> {
            GroupRow g = db.inTransaction(GroupMapper.class, m -> {
                GroupRow group = GroupAccess.group(m, groupId);
                GroupAccess.owner(m, group, userId);
                if (newOwnerId == userId) {
                    throw new Refused("you already own group " + group.id);
                }
                MemberRow target = GroupAccess.target(m, group, newOwnerId);
                if (m.changeRole(group.id, userId, Role.OWNER.id(), Role.ADMIN.id()) == 0
                        || m.changeRole(group.id, newOwnerId, target.role().id(), Role.OWNER.id()) == 0) {
                    throw new Refused("group " + group.id + " changed meanwhile; try again");
                }
                m.setOwner(group.id, newOwnerId);
                return group;
            });
            GroupEvent e = GroupEvent.of("owner_changed", g).with("fromUserId", userId).with("userId", newOwnerId)
                    .with("userName", views.name(newOwnerId));
            events.toGroup(e, userId);
            events.toUser(newOwnerId, e, 0, false);
            log.info("group {} passed from user {} to user {}", groupId, userId, newOwnerId);
            return GroupReply.ok("user " + newOwnerId + " now owns group " + groupId, null);
        });
    }

    GroupReply edit(long userId, long groupId, GroupSpec changes) {
        return run(() -> {
            if (changes == null || (changes.name() == null && changes.avatar() == null && changes.notice() == null
                    && changes.joinPolicy() == null)) {
                throw new Refused("nothing to change: give name, avatar, notice or joinPolicy");
            }
            GroupRow g = db.inTransaction(GroupMapper.class, m -> {
                GroupRow group = GroupAccess.group(m, groupId);
                GroupAccess.admin(m, group, userId);
                if (changes.name() != null) {
                    group.name = GroupFields.name(changes.name());
                    group.nameKey = GroupFields.key(group.name);
                }
                if (changes.avatar() != null) {
                    group.avatar = GroupFields.avatar(changes.avatar());
                }
                if (changes.notice() != null) {
                    group.notice = GroupFields.notice(changes.notice());
                }
                group.joinPolicy = GroupFields.policy(changes.joinPolicy(), JoinPolicy.of(group.joinPolicy)).id();
                m.updateCard(group);
                return group;
            });
            events.toGroup(GroupEvent.of("group_edited", g).with("name", g.name).with("avatar", g.avatar)
                    .with("notice", g.notice).with("joinPolicy", g.joinPolicy).with("byUserId", userId), userId);
            return GroupReply.ok("group " + groupId + " changed", views.groupJson(g));
        });
    }

    GroupReply mute(long userId, long groupId, long targetId, long seconds) {
        return run(() -> {
            if (seconds < 0 || seconds > MAX_MUTE_SECONDS) {
                throw new Refused("seconds must be between 0 (unmute) and " + MAX_MUTE_SECONDS + " (30 days)");
            }
            long until = seconds == 0 ? 0 : System.currentTimeMillis() + seconds * 1000;
            GroupRow g = db.inTransaction(GroupMapper.class, m -> {
                GroupRow group = GroupAccess.group(m, groupId);
                MemberRow me = GroupAccess.admin(m, group, userId);
                if (targetId == userId) {
                    throw new Refused("you cannot mute yourself");
                }
                MemberRow target = GroupAccess.target(m, group, targetId);
                if (target.role() == Role.OWNER) {
                    throw new Refused("you cannot mute the owner of group " + group.id);
                }
                if (!me.role().above(target.role())) {
                    throw new Refused("only the owner of group " + group.id + " may mute an admin");
                }
                m.muteMember(group.id, targetId, until);
                return group;
            });
            GroupEvent e = GroupEvent.of("member_muted", g).with("userId", targetId).with("userName", views.name(targetId))
                    .with("until", until).with("byUserId", userId);
            events.toGroup(e, userId);
            events.toUser(targetId, e, 0, false);
            return GroupReply.ok(until == 0 ? "user " + targetId + " may speak again in group " + groupId
                    : "user " + targetId + " is muted in group " + groupId + " for " + seconds + " s", null);
        });
    }

    GroupReply muteAll(long userId, long groupId, boolean muted) {
        return run(() -> {
            GroupRow g = db.inTransaction(GroupMapper.class, m -> {
                GroupRow group = GroupAccess.group(m, groupId);
                GroupAccess.admin(m, group, userId);
                m.muteAll(group.id, muted ? 1 : 0);
                return group;
            });
            events.toGroup(GroupEvent.of("group_muted", g).with("muted", muted).with("byUserId", userId), userId);
            return GroupReply.ok(muted ? "group " + groupId + " is muted: only admins may send"
                    : "everyone may send in group " + groupId + " again", null);
        });
    }

    GroupReply nickname(long userId, long groupId, String nickname) {
        return run(() -> {
            String clean = GroupFields.nickname(nickname);
            return db.with(GroupMapper.class, m -> {
                GroupRow g = GroupAccess.group(m, groupId);
                GroupAccess.member(m, g, userId);
                m.setNickname(g.id, userId, clean);
                return GroupReply.ok(clean.isEmpty() ? "nickname removed" : "nickname set", null);
            });
        });
    }

    GroupReply dissolve(long userId, long groupId) {
        return run(() -> {
            List<Long> members = new ArrayList<>();
            GroupRow g = db.inTransaction(GroupMapper.class, m -> {
                GroupRow group = GroupAccess.group(m, groupId);
                GroupAccess.owner(m, group, userId);
                m.members(group.id).forEach(r -> members.add(r.userId));
                m.deleteMembers(group.id);
                m.deleteBans(group.id);
                m.deleteRequests(group.id);
                m.deleteGroup(group.id);
                return group;
            });
            events.dissolved(GroupEvent.of("dissolved", g).with("byUserId", userId), members);
            log.info("user {} dissolved group {} ({} members)", userId, groupId, members.size());
            return GroupReply.ok("group " + groupId + " dissolved", null);
        });
    }
}
