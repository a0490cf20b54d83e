package io.gochat.logic.groups;

import static io.gochat.logic.groups.GroupReplies.run;

import io.gochat.logic.history.HistoryService;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.service.GroupReply;
import io.gochat.protocol.service.HistoryQuery;
import io.gochat.protocol.service.HistoryReply;
import java.util.ArrayList;
import java.util.List;

/** What users may read: any group's card and search; members read members and history; admins read requests. */
final class GroupQueries {
    static final int SEARCH_DEFAULT = 20;
    static final int SEARCH_MAX = 50;

    private final UserDatabase db;
    private final GroupViews views;
    private final HistoryService history;

    GroupQueries(UserDatabase db, GroupViews views, HistoryService history) {
        this.db = db;
        this.views = views;
        this.history = history;
    }

    GroupReply info(long groupId) {
        return run(() -> db.with(GroupMapper.class, m -> GroupReply.ok("ok", views.groupJson(GroupAccess.group(m, groupId)))));
    }

    /** By id (a number) and by a part of the name, case-insensitively. */
    GroupReply search(String query, int limit) {
        return run(() -> {
            String q = query == null ? "" : query.strip();
            if (q.isEmpty()) {
                throw new Refused("query is required");
            }
            int n = limit <= 0 ? SEARCH_DEFAULT : Math.min(limit, SEARCH_MAX);
            String pattern = "%" + GroupFields.key(q).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            return db.with(GroupMapper.class, m -> {
                List<GroupRow> found = new ArrayList<>();
                if (q.chars().allMatch(Character::isDigit) && q.length() < 19) {
                    GroupRow byId = m.group(Long.parseLong(q));
                    if (byId != null) {
                        found.add(byId);
                    }
                }
                for (GroupRow g : m.search(pattern, n)) {
                    if (found.size() < n && found.stream().noneMatch(f -> f.id == g.id)) {
                        found.add(g);
                    }
                }
                return GroupReply.ok("ok", views.groupsJson(found));
            });
        });
    }

    GroupReply mine(long userId) {
        return GroupReply.ok("ok", views.groupsJson(db.with(GroupMapper.class, m -> m.groupsOf(userId))));
    }

    GroupReply members(long userId, long groupId) {
        return run(() -> db.with(GroupMapper.class, m -> {
            GroupRow g = GroupAccess.group(m, groupId);
            GroupAccess.member(m, g, userId);
            return GroupReply.ok("ok", views.membersJson(m.members(g.id), System.currentTimeMillis()));
        }));
    }

    GroupReply requests(long userId, long groupId) {
        return run(() -> db.with(GroupMapper.class, m -> {
            GroupRow g = GroupAccess.group(m, groupId);
            GroupAccess.admin(m, g, userId);
            return GroupReply.ok("ok", views.requestsJson(m.requests(g.id), false));
        }));
    }

    GroupReply notices(long userId, long sinceId, int limit) {
        int n = limit <= 0 ? HistoryService.DEFAULT_LIMIT : Math.min(limit, HistoryService.MAX_LIMIT);
        List<String> bodies = db.with(GroupMapper.class, m -> m.noticesSince(userId, Math.max(sinceId, 0), n));
        return GroupReply.ok("ok", "[" + String.join(",", bodies) + "]");
    }

    List<Long> groupsOf(long userId) {
        return new ArrayList<>(db.with(GroupMapper.class, m -> m.groupIdsOf(userId)));
    }

    HistoryReply history(HistoryQuery q) {
        String refusal = notAMember(q.userId(), q.targetId());
        return refusal != null ? HistoryReply.refused(refusal)
                : history.conversation(StoredMessage.groupConversation(q.targetId()), q);
    }

    HistoryReply since(long userId, long groupId, long sinceId, int limit) {
        String refusal = notAMember(userId, groupId);
        return refusal != null ? HistoryReply.refused(refusal)
                : history.conversationSince(StoredMessage.groupConversation(groupId), sinceId, limit);
    }

    /** Only members read a group's history: null when {@code userId} is one, else why not. */
    private String notAMember(long userId, long groupId) {
        return db.with(GroupMapper.class, m -> {
            try {
                GroupAccess.member(m, GroupAccess.group(m, groupId), userId);
                return null;
            } catch (Refused r) {
                return r.getMessage();
            }
        });
    }
}
