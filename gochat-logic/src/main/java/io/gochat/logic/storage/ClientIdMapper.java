package io.gochat.logic.storage;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The only SQL on the {@code message_client_id} table: which senders' message ids are already stored. */
public interface ClientIdMapper {

    @Insert("INSERT INTO message_client_id (from_user_id, client_msg_id, msg_id, created_at) "
            + "VALUES (#{fromUserId}, #{clientMsgId}, #{msgId}, #{createdAt})")
    int insert(@Param("fromUserId") long fromUserId, @Param("clientMsgId") String clientMsgId, @Param("msgId") long msgId,
               @Param("createdAt") long createdAt);

    /** The stored message id of one sender's client id, or null. */
    @Select("SELECT msg_id FROM message_client_id WHERE from_user_id = #{fromUserId} AND client_msg_id = #{clientMsgId}")
    Long find(@Param("fromUserId") long fromUserId, @Param("clientMsgId") String clientMsgId);

    @Delete("DELETE FROM message_client_id WHERE created_at < #{before}")
    int deleteBefore(@Param("before") long before);

    @Select("SELECT count(*) FROM message_client_id")
    long count();

}
