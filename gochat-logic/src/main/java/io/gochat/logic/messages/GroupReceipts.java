package io.gochat.logic.messages;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.core.json.Json;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.storage.MessageRow;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.logic.user.AccountService;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.GroupReads;
import io.gochat.protocol.service.PushReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read state in groups. A member's "read up to message X" is one row per member and group ({@code read_state},
 * the same table as 1:1 chats, key {@code g:<groupId>}), moved forward only; nothing is written per member
 * when a message is sent. The read count of a message and who read it are computed from the marks: the
 * members (not the sender) who joined before the message and whose mark is at or past it. A read goes to the
 * reader's own devices as an op 43 event with {@code groupId} (their unread badges follow); senders ask for
 * counts and readers (op 45, {@code /message/readers}, {@code /message/readCounts}), so a read in a group of
 * N members costs one row update and one event, never N. Blocking: runs on logic's worker pool.
 */
final class GroupReceipts {
    static final int MAX_COUNTS = 100;

    private final UserDatabase db;
    private final MessageIds ids;
    private final EventQueue events;
    private final AccountService accounts;
    private final ReadReceipts marks;

    GroupReceipts(UserDatabase db, MessageIds ids, EventQueue events, AccountService accounts, ReadReceipts marks) {
        this.db = db;
        this.ids = ids;
        this.events = events;
        this.accounts = accounts;
        this.marks = marks;
    }

    PushReply read(long userId, long groupId, long upToId) {
        if (groupId <= 0) {
            return PushReply.refused("groupId is required");
        }
        if (upToId <= 0) {
            return PushReply.refused("upToId is required");
        }
        String conversation = StoredMessage.groupConversation(groupId);
        if (db.with(GroupChatMapper.class, m -> m.isMember(groupId, userId)) == 0) {
            return PushReply.refused("you are not a member of group " + groupId);
        }
        MessageRow row = db.withMessages(m -> m.find(upToId));
        if (row == null || !row.conversation().equals(conversation)) {
            return PushReply.refused("no message " + upToId + " in group " + groupId);
        }
        if (!marks.advance(userId, conversation, upToId)) {
            return PushReply.accepted("ok, already read");
        }
        long eventId = ids.next();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("op", Ops.READ);
        e.put("msgId", eventId);
        e.put("fromUserId", userId);
        e.put("groupId", groupId);
        e.put("upToId", upToId);
        events.toUsers(eventId, Json.write(e), new long[] {userId}, new boolean[] {false});
        return PushReply.accepted();
    }

    /** Who read the caller's own group message {@code msgId}. */
    GroupReads readers(long userId, long msgId) {
        if (msgId <= 0) {
            return GroupReads.refused(1, "msgId is required");
        }
        MessageRow row = db.withMessages(m -> m.find(msgId));
        if (row == null || row.op() != Ops.GROUP || row.fromUserId() != userId) {
            return GroupReads.refused(1, "no group message " + msgId + " of yours");   // the same for others': no probing
        }
        long groupId = row.roomId();
        return db.with(GroupChatMapper.class, m -> {
            if (m.isMember(groupId, userId) == 0) {
                return GroupReads.refused(1, "you are not a member of group " + groupId);
            }
            List<GroupChatMapper.GroupMember> members = m.members(groupId);
            Map<Long, Long> marksOf = marks(m.marksFrom(row.conversation(), msgId));
            return GroupReads.of(groupId, List.of(count(row, members, marksOf, true)));
        });
    }

    /** How many read each of the caller's own messages among {@code msgIds} in the group; others are left out. */
    GroupReads counts(long userId, long groupId, List<Long> msgIds) {
        if (groupId <= 0) {
            return GroupReads.refused(1, "groupId is required");
        }
        if (msgIds == null || msgIds.isEmpty() || msgIds.size() > MAX_COUNTS) {
            return GroupReads.refused(1, "msgIds must list 1 to " + MAX_COUNTS + " message ids");
        }
        String conversation = StoredMessage.groupConversation(groupId);
        List<MessageRow> mine = db.withMessages(m -> {
            List<MessageRow> out = new ArrayList<>();
            for (Long id : msgIds) {
                MessageRow row = id == null ? null : m.find(id);
                if (row != null && row.op() == Ops.GROUP && row.fromUserId() == userId
                        && row.conversation().equals(conversation)) {
                    out.add(row);
                }
            }
            return out;
        });
        return db.with(GroupChatMapper.class, m -> {
            if (m.isMember(groupId, userId) == 0) {
                return GroupReads.refused(1, "you are not a member of group " + groupId);
            }
            if (mine.isEmpty()) {
                return GroupReads.of(groupId, List.of());
            }
            long minId = mine.stream().mapToLong(MessageRow::id).min().orElse(0);
            List<GroupChatMapper.GroupMember> members = m.members(groupId);
            Map<Long, Long> marksOf = marks(m.marksFrom(conversation, minId));
            List<GroupReads.GroupRead> out = new ArrayList<>();
            for (MessageRow row : mine) {
                out.add(count(row, members, marksOf, false));
            }
            return GroupReads.of(groupId, out);
        });
    }

    private GroupReads.GroupRead count(MessageRow row, List<GroupChatMapper.GroupMember> members,
                                       Map<Long, Long> marksOf, boolean withReaders) {
        int read = 0;
        int of = 0;
        List<GroupReads.Reader> readers = new ArrayList<>();
        for (GroupChatMapper.GroupMember member : members) {
            if (member.userId() == row.fromUserId() || member.joinedAt() > row.createdAt()) {
                continue;   // the sender, and members who joined after the message, are not its readers
            }
            of++;
            Long mark = marksOf.get(member.userId());
            if (mark != null && mark >= row.id()) {
                read++;
                if (withReaders) {
                    String name = accounts.userName(member.userId());
                    readers.add(new GroupReads.Reader(member.userId(), name == null ? "" : name));
                }
            }
        }
        return new GroupReads.GroupRead(row.id(), read, of, readers);
    }

    private static Map<Long, Long> marks(List<GroupChatMapper.ReadMark> rows) {
        Map<Long, Long> out = new HashMap<>();
        for (GroupChatMapper.ReadMark r : rows) {
            out.put(r.userId(), r.upToId());
        }
        return out;
    }

    /** How far {@code userId} has read group {@code groupId} (0 = nothing). */
    long upTo(long userId, long groupId) {
        return marks.upToIn(userId, StoredMessage.groupConversation(groupId));
    }
}
