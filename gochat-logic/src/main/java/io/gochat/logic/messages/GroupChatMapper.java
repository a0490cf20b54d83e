package io.gochat.logic.messages;

import io.gochat.logic.storage.ConversationLast;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The SQL of group chats in the messages feature (read only): members' read marks ({@code read_state}, one
 * row per member and group, moved forward by reads; index V40), the last message and the unread count of a
 * group ({@code message}). Nothing here is written per member on send: read counts are computed from marks.
 */
public interface GroupChatMapper {

    /** Read marks at or past {@code minId} in a conversation (the readers of any message from {@code minId} on). */
    @Select("SELECT user_id, up_to_id FROM read_state WHERE conversation = #{conversation} AND up_to_id >= #{minId}")
    List<ReadMark> marksFrom(@Param("conversation") String conversation, @Param("minId") long minId);

    /** The members of a group with when they joined. */
    @Select("SELECT user_id, joined_at FROM group_member WHERE group_id = #{groupId} ORDER BY joined_at, user_id")
    List<GroupMember> members(@Param("groupId") long groupId);

    @Select("SELECT count(*) FROM group_member WHERE group_id = #{groupId} AND user_id = #{userId}")
    int isMember(@Param("groupId") long groupId, @Param("userId") long userId);

    @Select("SELECT role FROM group_member WHERE group_id = #{groupId} AND user_id = #{userId}")
    String role(@Param("groupId") long groupId, @Param("userId") long userId);

    /** The user's groups with their names (at most {@code limit}). */
    @Select("SELECT g.id AS group_id, g.name FROM chat_group g JOIN group_member m ON m.group_id = g.id "
            + "WHERE m.user_id = #{userId} ORDER BY g.id LIMIT #{limit}")
    List<GroupName> groupsOf(@Param("userId") long userId, @Param("limit") int limit);

    /** The last message (op 30, not an event) of each of these group conversations that has one. */
    @Select("<script>SELECT conversation, MAX(id) AS last_id FROM message WHERE op = 30 AND conversation IN "
            + "<foreach item='c' collection='conversations' open='(' separator=',' close=')'>#{c}</foreach> "
            + "GROUP BY conversation</script>")
    List<ConversationLast> lastMessages(@Param("conversations") List<String> conversations);

    /** Others' messages in a group after {@code afterId}, counted up to {@code cap}. */
    @Select("SELECT count(*) FROM (SELECT id FROM message WHERE conversation = #{conversation} AND op = 30 "
            + "AND from_user_id <> #{userId} AND id > #{afterId} LIMIT #{cap}) unread")
    long unread(@Param("userId") long userId, @Param("conversation") String conversation, @Param("afterId") long afterId,
                @Param("cap") int cap);

    @Select("SELECT up_to_id FROM read_state WHERE user_id = #{userId} AND conversation = #{conversation}")
    Long readUpTo(@Param("userId") long userId, @Param("conversation") String conversation);

    @Select("SELECT body FROM message WHERE id = #{id}")
    String body(@Param("id") long id);

    /** A member's read mark. */
    record ReadMark(long userId, long upToId) {
    }

    /** A member and when they joined (epoch ms). */
    record GroupMember(long userId, long joinedAt) {
    }

    record GroupName(long groupId, String name) {
    }
}
