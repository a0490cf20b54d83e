package io.gochat.logic.sync;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The SQL on {@code conversation_seq} (each conversation's last sequence number) and the reads by
 * {@code message.seq}. Raising a counter is an upsert, spelled per engine: PostgreSQL and sqlite answer the new
 * values with {@code RETURNING}; MariaDB/MySQL upsert, then read the rows back in the same transaction (the
 * rows are locked by the upsert, so the read sees this transaction's values).
 */
public interface SeqMapper {

    /** PostgreSQL and sqlite: adds {@code n} to each conversation's counter (a new one starts at 0), answering the new values. */
    @Select("<script>INSERT INTO conversation_seq (conversation, last_seq) VALUES "
            + "<foreach collection='rows' item='r' separator=','>(#{r.conversation}, #{r.count})</foreach> "
            + "ON CONFLICT (conversation) DO UPDATE SET last_seq = conversation_seq.last_seq + excluded.last_seq "
            + "RETURNING conversation AS conversation, last_seq AS last_seq</script>")
    List<Map<String, Object>> raiseReturning(@Param("rows") List<ConversationSeqs.Count> rows);

    /** MariaDB/MySQL: adds {@code n} to each conversation's counter (a new one starts at 0). */
    @Insert("<script>INSERT INTO conversation_seq (conversation, last_seq) VALUES "
            + "<foreach collection='rows' item='r' separator=','>(#{r.conversation}, #{r.count})</foreach> "
            + "ON DUPLICATE KEY UPDATE last_seq = last_seq + VALUES(last_seq)</script>")
    int raise(@Param("rows") List<ConversationSeqs.Count> rows);

    @Select("<script>SELECT conversation AS conversation, last_seq AS last_seq FROM conversation_seq WHERE conversation IN "
            + "<foreach collection='rows' item='r' open='(' separator=',' close=')'>#{r.conversation}</foreach></script>")
    List<Map<String, Object>> read(@Param("rows") List<ConversationSeqs.Count> rows);

    /** A conversation's last sequence number, or null when it has no message yet. */
    @Select("SELECT last_seq FROM conversation_seq WHERE conversation = #{conversation}")
    Long last(@Param("conversation") String conversation);

    /** A conversation's messages with {@code seq > afterSeq} (and {@code id > afterId}: a 1:1 history cut), in seq order. */
    @Select("SELECT body FROM message WHERE conversation = #{conversation} AND seq > #{afterSeq} AND id > #{afterId} "
            + "ORDER BY seq LIMIT #{limit}")
    List<String> after(@Param("conversation") String conversation, @Param("afterSeq") long afterSeq,
                       @Param("afterId") long afterId, @Param("limit") int limit);

    /** Whether the user is a member of the group now. */
    @Select("SELECT count(*) FROM group_member WHERE group_id = #{groupId} AND user_id = #{userId}")
    int groupMember(@Param("groupId") long groupId, @Param("userId") long userId);
}
