package io.gochat.logic.groups;

/** The group rules that come before every action: the group exists, the caller is in it, with a role high enough. */
final class GroupAccess {
    private GroupAccess() {
    }

    static GroupRow group(GroupMapper m, long groupId) {
        GroupRow g = groupId > 0 ? m.group(groupId) : null;
        if (g == null) {
            throw new Refused("no group with id " + groupId);
        }
        return g;
    }

    static MemberRow member(GroupMapper m, GroupRow g, long userId) {
        MemberRow row = m.member(g.id, userId);
        if (row == null) {
            throw new Refused("you are not a member of group " + g.id);
        }
        return row;
    }

    static MemberRow admin(GroupMapper m, GroupRow g, long userId) {
        MemberRow row = member(m, g, userId);
        if (!row.role().atLeast(Role.ADMIN)) {
            throw new Refused("you are not an admin of group " + g.id);
        }
        return row;
    }

    static MemberRow owner(GroupMapper m, GroupRow g, long userId) {
        MemberRow row = member(m, g, userId);
        if (row.role() != Role.OWNER) {
            throw new Refused("only the owner of group " + g.id + " may do that");
        }
        return row;
    }

    /** The member an action is about. */
    static MemberRow target(GroupMapper m, GroupRow g, long userId) {
        MemberRow row = userId > 0 ? m.member(g.id, userId) : null;
        if (row == null) {
            throw new Refused("user " + userId + " is not a member of group " + g.id);
        }
        return row;
    }
}
