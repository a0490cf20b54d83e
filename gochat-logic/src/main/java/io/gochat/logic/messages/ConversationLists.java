package io.gochat.logic.messages;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.core.json.Json;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.storage.ConversationLast;
import io.gochat.logic.storage.ConversationMapper;
import io.gochat.logic.storage.ConversationSetting;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.logic.user.AccountService;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.ConversationChange;
import io.gochat.protocol.service.ConversationEntry;
import io.gochat.protocol.service.ConversationList;
import io.gochat.protocol.service.PushReply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's conversation list, 1:1 chats and groups: each chat's last message, the unread count after the
 * user's read mark (in a group: others' messages, not events), and the user's pinned / muted / draft settings. A change of
 * settings goes to every device of the user as an op 44 event, so the list stays the same everywhere.
 * Blocking: runs on logic's worker pool. Costs a few queries per chat (at most {@value #MAX_LIMIT} chats).
 */
final class ConversationLists {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final int UNREAD_CAP = 999;
    static final int MAX_DRAFT = 4000;
    static final int MAX_GROUPS = 500;

    private final UserDatabase db;
    private final AccountService accounts;
    private final MessageIds ids;
    private final EventQueue events;

    ConversationLists(UserDatabase db, AccountService accounts, MessageIds ids, EventQueue events) {
        this.db = db;
        this.accounts = accounts;
        this.ids = ids;
        this.events = events;
    }

    ConversationList list(long userId, int limit) {
        int n = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
        // one database session for the queries (a nested one per chat could exhaust the pool under load)
        Map<String, ConversationSetting> settings = new HashMap<>();
        List<ConversationEntry> raw = new ArrayList<>(db.with(ConversationMapper.class, m -> {
            for (ConversationSetting s : m.settings(userId)) {
                settings.put(s.conversation(), s);
            }
            List<ConversationEntry> out = new ArrayList<>();
            for (ConversationLast c : m.recent(userId, n)) {
                Long read = m.readUpTo(userId, c.conversation());
                long readUpTo = read == null ? 0 : read;
                ConversationSetting s = settings.get(c.conversation());
                out.add(new ConversationEntry(c.conversation(), otherUser(c.conversation(), userId), null,
                        m.body(c.lastId()), c.lastId(), m.unread(userId, c.conversation(), readUpTo, UNREAD_CAP), readUpTo,
                        s != null && s.pinned() != 0, s != null && s.muted() != 0, s == null ? null : s.draft()));
            }
            return out;
        }));
        raw.addAll(groups(userId, n, settings));   // a session of its own, after the first is closed
        List<ConversationEntry> out = new ArrayList<>(raw.size());
        for (ConversationEntry e : raw) {
            out.add(e.groupId() > 0 ? e : new ConversationEntry(e.conversation(), e.withUserId(),
                    accounts.userName(e.withUserId()), e.lastMessage(), e.lastId(), e.unread(), e.readUpTo(),
                    e.pinned(), e.muted(), e.draft()));
        }
        out.sort(Comparator.comparing((ConversationEntry e) -> !e.pinned())
                .thenComparing(Comparator.comparingLong(ConversationEntry::lastId).reversed()));
        return ConversationList.of(out.size() > n ? out.subList(0, n) : out);
    }

    /**
     * The user's groups (at most {@value #MAX_GROUPS}): the last messages of all in one query, then, for the
     * {@code n} most recent (and every pinned one), the body, the read mark and the unread count.
     */
    private List<ConversationEntry> groups(long userId, int n,
                                           Map<String, ConversationSetting> settings) {
        return db.with(GroupChatMapper.class, m -> {
            List<GroupChatMapper.GroupName> groups = m.groupsOf(userId, MAX_GROUPS);
            if (groups.isEmpty()) {
                return List.of();
            }
            List<String> keys = new ArrayList<>(groups.size());
            for (GroupChatMapper.GroupName g : groups) {
                keys.add(StoredMessage.groupConversation(g.groupId()));
            }
            Map<String, Long> last = new HashMap<>();
            for (ConversationLast c : m.lastMessages(keys)) {
                last.put(c.conversation(), c.lastId());
            }
            List<GroupChatMapper.GroupName> order = new ArrayList<>(groups);
            order.sort(Comparator.comparing((GroupChatMapper.GroupName g) -> {
                        ConversationSetting s = settings.get(StoredMessage.groupConversation(g.groupId()));
                        return s == null || s.pinned() == 0;
                    }).thenComparing(Comparator.comparingLong((GroupChatMapper.GroupName g) ->
                            last.getOrDefault(StoredMessage.groupConversation(g.groupId()), 0L)).reversed()));
            List<ConversationEntry> out = new ArrayList<>();
            for (GroupChatMapper.GroupName g : order.subList(0, Math.min(n, order.size()))) {
                String key = StoredMessage.groupConversation(g.groupId());
                long lastId = last.getOrDefault(key, 0L);
                Long read = m.readUpTo(userId, key);
                long readUpTo = read == null ? 0 : read;
                ConversationSetting s = settings.get(key);
                out.add(new ConversationEntry(key, 0, null, lastId > 0 ? m.body(lastId) : null, lastId,
                        lastId > readUpTo ? m.unread(userId, key, readUpTo, UNREAD_CAP) : 0, readUpTo,
                        s != null && s.pinned() != 0, s != null && s.muted() != 0, s == null ? null : s.draft(),
                        g.groupId(), g.name()));
            }
            return out;
        });
    }

    PushReply change(long userId, ConversationChange c) {
        if (c.draft() != null && c.draft().codePointCount(0, c.draft().length()) > MAX_DRAFT) {
            return PushReply.refused("draft must be at most " + MAX_DRAFT + " characters");
        }
        String conversation;
        if (c.groupId() > 0) {
            if (db.with(GroupChatMapper.class, m -> m.isMember(c.groupId(), userId)) == 0) {
                return PushReply.refused("you are not a member of group " + c.groupId());
            }
            conversation = StoredMessage.groupConversation(c.groupId());
        } else {
            if (c.withUserId() <= 0 || c.withUserId() == userId) {
                return PushReply.refused("withUserId must be another user's id (or give groupId)");
            }
            if (accounts.userName(c.withUserId()) == null) {
                return PushReply.refused("no user with id " + c.withUserId());
            }
            conversation = StoredMessage.privateConversation(userId, c.withUserId());
        }
        ConversationSetting now = db.with(ConversationMapper.class, m -> {
            ConversationSetting old = m.settings(userId).stream().filter(s -> s.conversation().equals(conversation))
                    .findFirst().orElse(new ConversationSetting(conversation, 0, 0, null));
            ConversationSetting next = new ConversationSetting(conversation,
                    c.pinned() == null ? old.pinned() : (c.pinned() ? 1 : 0),
                    c.muted() == null ? old.muted() : (c.muted() ? 1 : 0),
                    c.draft() == null ? old.draft() : (c.draft().isEmpty() ? null : c.draft()));
            long t = System.currentTimeMillis();
            if (m.update(userId, conversation, next.pinned(), next.muted(), next.draft(), t) == 0) {
                try {
                    m.insert(userId, conversation, next.pinned(), next.muted(), next.draft(), t);
                } catch (RuntimeException e) {
                    if (!UserDatabase.isDuplicateKey(e)) {
                        throw e;
                    }
                    m.update(userId, conversation, next.pinned(), next.muted(), next.draft(), t);   // another device
                }
            }
            return next;
        });
        long eventId = ids.next();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("op", Ops.CONVERSATION);
        e.put("msgId", eventId);
        e.put("conversation", conversation);
        if (c.groupId() > 0) {
            e.put("groupId", c.groupId());
        } else {
            e.put("withUserId", c.withUserId());
        }
        e.put("pinned", now.pinned() != 0);
        e.put("muted", now.muted() != 0);
        e.put("draft", now.draft());
        events.toUsers(eventId, Json.write(e), new long[] {userId}, new boolean[] {false});
        return PushReply.accepted();
    }

    private static long otherUser(String conversation, long userId) {
        String[] p = conversation.split(":");
        long a = Long.parseLong(p[1]);
        long b = Long.parseLong(p[2]);
        return a == userId ? b : a;
    }
}
