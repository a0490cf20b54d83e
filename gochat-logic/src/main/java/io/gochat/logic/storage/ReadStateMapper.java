package io.gochat.logic.storage;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The SQL of the {@code read_state} table (owner: io.gochat.logic.messages): read up to an id, never back. */
public interface ReadStateMapper {

    @Update("UPDATE read_state SET up_to_id = #{upToId} WHERE user_id = #{userId} AND conversation = #{conversation} "
            + "AND up_to_id < #{upToId}")
    int advance(@Param("userId") long userId, @Param("conversation") String conversation, @Param("upToId") long upToId);

    @Insert("INSERT INTO read_state (user_id, conversation, up_to_id) VALUES (#{userId}, #{conversation}, #{upToId})")
    int insert(@Param("userId") long userId, @Param("conversation") String conversation, @Param("upToId") long upToId);

    @Select("SELECT up_to_id FROM read_state WHERE user_id = #{userId} AND conversation = #{conversation}")
    Long upTo(@Param("userId") long userId, @Param("conversation") String conversation);
}
