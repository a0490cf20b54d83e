package io.gochat.logic.storage;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The only SQL on the {@code message_outbox} table: messages stored but not yet on the delivery queue.
 * Portable as written (sqlite, PostgreSQL, MariaDB/MySQL).
 */
public interface OutboxMapper {

    @Insert("INSERT INTO message_outbox (id, created_at) VALUES (#{id}, #{createdAt})")
    int insert(@Param("id") long id, @Param("createdAt") long createdAt);

    @Delete("<script>DELETE FROM message_outbox WHERE id IN "
            + "<foreach collection='ids' item='id' open='(' separator=',' close=')'>#{id}</foreach></script>")
    int delete(@Param("ids") List<Long> ids);

    /**
     * The oldest {@code limit} messages left in the outbox since before {@code before} (ms), with what it takes
     * to queue them again; columns in lower case on every engine.
     */
    @Select("SELECT m.id AS id, m.conversation AS conversation, m.from_user_id AS from_user_id, "
            + "m.to_user_id AS to_user_id, m.room_id AS room_id, m.op AS op, m.body AS body, m.created_at AS created_at "
            + "FROM message_outbox o JOIN message m ON m.id = o.id WHERE o.created_at < #{before} ORDER BY o.id "
            + "LIMIT #{limit}")
    List<Map<String, Object>> leftBefore(@Param("before") long before, @Param("limit") int limit);

    @Select("SELECT count(*) FROM message_outbox")
    long count();
}
