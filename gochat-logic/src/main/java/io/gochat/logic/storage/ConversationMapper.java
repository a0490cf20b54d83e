package io.gochat.logic.storage;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The conversation list's SQL: a user's 1:1 chats from the {@code message} table (read only), unread counts
 * against {@code read_state}, and the {@code conversation_setting} table (owner: io.gochat.logic.messages).
 */
public interface ConversationMapper {

    /** The user's 1:1 chats, most recent first, with the id of each one's last message. */
    @Select("SELECT conversation, MAX(id) AS last_id FROM message WHERE op = 2 AND (from_user_id = #{userId} "
            + "OR to_user_id = #{userId}) GROUP BY conversation ORDER BY last_id DESC LIMIT #{limit}")
    List<ConversationLast> recent(@Param("userId") long userId, @Param("limit") int limit);

    @Select("SELECT body FROM message WHERE id = #{id}")
    String body(@Param("id") long id);

    /** Messages to the user in the chat after {@code afterId}, counted up to {@code cap}. */
    @Select("SELECT count(*) FROM (SELECT id FROM message WHERE conversation = #{conversation} AND to_user_id = #{userId} "
            + "AND id > #{afterId} LIMIT #{cap}) unread")
    long unread(@Param("userId") long userId, @Param("conversation") String conversation, @Param("afterId") long afterId,
                @Param("cap") int cap);

    @Select("SELECT up_to_id FROM read_state WHERE user_id = #{userId} AND conversation = #{conversation}")
    Long readUpTo(@Param("userId") long userId, @Param("conversation") String conversation);

    @Select("SELECT conversation, pinned, muted, draft FROM conversation_setting WHERE user_id = #{userId}")
    List<ConversationSetting> settings(@Param("userId") long userId);

    @Update("UPDATE conversation_setting SET pinned = #{pinned}, muted = #{muted}, draft = #{draft}, updated_at = #{now} "
            + "WHERE user_id = #{userId} AND conversation = #{conversation}")
    int update(@Param("userId") long userId, @Param("conversation") String conversation, @Param("pinned") int pinned,
               @Param("muted") int muted, @Param("draft") String draft, @Param("now") long now);

    @Insert("INSERT INTO conversation_setting (user_id, conversation, pinned, muted, draft, updated_at) "
            + "VALUES (#{userId}, #{conversation}, #{pinned}, #{muted}, #{draft}, #{now})")
    int insert(@Param("userId") long userId, @Param("conversation") String conversation, @Param("pinned") int pinned,
               @Param("muted") int muted, @Param("draft") String draft, @Param("now") long now);
}
