package io.gochat.logic.storage;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The only SQL on the {@code message} table: stored private and room messages, read back a page at a time.
 * Portable as written (LIMIT is understood by sqlite, PostgreSQL and MariaDB/MySQL).
 */
public interface MessageMapper {

    /** {@code seq}: the message's number in its conversation (io.gochat.logic.sync.ConversationSeqs). */
    @Insert("INSERT INTO message (id, conversation, from_user_id, to_user_id, room_id, op, body, created_at, seq) "
            + "VALUES (#{id}, #{conversation}, #{fromUserId}, #{toUserId}, #{roomId}, #{op}, #{body}, #{createdAt}, #{seq})")
    int insert(@Param("id") long id, @Param("conversation") String conversation, @Param("fromUserId") long fromUserId,
               @Param("toUserId") long toUserId, @Param("roomId") long roomId, @Param("op") int op,
               @Param("body") String body, @Param("createdAt") long createdAt, @Param("seq") long seq);

    /** A row outside any conversation's numbering ({@code seq} 0): tests and tools that write rows directly. */
    default int insert(long id, String conversation, long fromUserId, long toUserId, long roomId, int op, String body,
                       long createdAt) {
        return insert(id, conversation, fromUserId, toUserId, roomId, op, body, createdAt, 0);
    }

    /** The newest {@code limit} bodies of a conversation below {@code beforeId}, newest first. */
    @Select("SELECT body FROM message WHERE conversation = #{conversation} AND id < #{beforeId} "
            + "ORDER BY id DESC LIMIT #{limit}")
    List<String> latestBefore(@Param("conversation") String conversation, @Param("beforeId") long beforeId,
                              @Param("limit") int limit);

    /** {@link #latestBefore} above {@code afterId} too (a history cut). */
    @Select("SELECT body FROM message WHERE conversation = #{conversation} AND id > #{afterId} AND id < #{beforeId} "
            + "ORDER BY id DESC LIMIT #{limit}")
    List<String> latestBetween(@Param("conversation") String conversation, @Param("afterId") long afterId,
                               @Param("beforeId") long beforeId, @Param("limit") int limit);

    /** Private messages to a user above {@code sinceId}, oldest first. */
    @Select("SELECT body FROM message WHERE to_user_id = #{userId} AND op = 2 AND id > #{sinceId} "
            + "ORDER BY id LIMIT #{limit}")
    List<String> privateSince(@Param("userId") long userId, @Param("sinceId") long sinceId, @Param("limit") int limit);

    /** A conversation's bodies above {@code sinceId}, oldest first (catching up on a group). */
    @Select("SELECT body FROM message WHERE conversation = #{conversation} AND id > #{sinceId} "
            + "ORDER BY id LIMIT #{limit}")
    List<String> conversationSince(@Param("conversation") String conversation, @Param("sinceId") long sinceId,
                                   @Param("limit") int limit);

    /** One stored message (recall checks its sender and age), or null. */
    @Select("SELECT id, conversation, from_user_id, to_user_id, room_id, op, body, created_at FROM message WHERE id = #{id}")
    MessageRow find(@Param("id") long id);

    /** Replaces a stored message's body (a recalled message's tombstone). */
    @org.apache.ibatis.annotations.Update("UPDATE message SET body = #{body} WHERE id = #{id}")
    int replaceBody(@Param("id") long id, @Param("body") String body);

    @Select("SELECT count(*) FROM message")
    long count();
}
