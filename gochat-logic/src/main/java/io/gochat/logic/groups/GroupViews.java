package io.gochat.logic.groups;

import io.gochat.core.json.Json;
import io.gochat.logic.user.AccountService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups, members and requests as the JSON clients get in {@code data}. */
final class GroupViews {
    private final AccountService accounts;

    GroupViews(AccountService accounts) {
        this.accounts = accounts;
    }

    Map<String, Object> group(GroupRow g) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("groupId", g.id);
        v.put("name", g.name);
        v.put("avatar", g.avatar);
        v.put("notice", g.notice);
        v.put("ownerId", g.ownerId);
        v.put("joinPolicy", g.joinPolicy);
        v.put("memberLimit", g.memberLimit);
        v.put("memberCount", g.memberCount);
        v.put("mutedAll", g.mutedAll());
        v.put("createdAt", g.createdAt);
        if (g.myRole != null) {
            v.put("myRole", g.myRole);
        }
        return v;
    }

    String groupJson(GroupRow g) {
        return Json.write(group(g));
    }

    String groupsJson(List<GroupRow> groups) {
        List<Map<String, Object>> out = new ArrayList<>(groups.size());
        groups.forEach(g -> out.add(group(g)));
        return Json.write(out);
    }

    String membersJson(List<MemberRow> members, long now) {
        List<Map<String, Object>> out = new ArrayList<>(members.size());
        for (MemberRow m : members) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("userId", m.userId);
            v.put("userName", name(m.userId));
            v.put("role", m.role);
            v.put("nickname", m.nickname);
            v.put("mutedUntil", m.mutedUntil > now ? m.mutedUntil : 0);
            v.put("joinedAt", m.joinedAt);
            out.add(v);
        }
        return Json.write(out);
    }

    String requestsJson(List<RequestRow> rows, boolean bans) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (RequestRow r : rows) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("userId", r.userId);
            v.put("userName", name(r.userId));
            if (bans) {
                v.put("bannedBy", r.byUserId);
            } else {
                v.put("note", r.note);
            }
            v.put("createdAt", r.createdAt);
            out.add(v);
        }
        return Json.write(out);
    }

    String name(long userId) {
        String n = accounts.userName(userId);
        return n == null ? "" : n;
    }
}
