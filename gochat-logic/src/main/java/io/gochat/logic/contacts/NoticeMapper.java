package io.gochat.logic.contacts;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The only SQL on {@code contact_notice} (contacts owns it). Portable as written. */
public interface NoticeMapper {

    @Insert("INSERT INTO contact_notice (id, user_id, op, body, created_at) VALUES (#{id}, #{userId}, #{op}, #{body}, #{now})")
    int insert(@Param("id") long id, @Param("userId") long userId, @Param("op") int op, @Param("body") String body,
               @Param("now") long now);

    /** The user's notices after {@code sinceId}, oldest first. */
    @Select("SELECT body FROM contact_notice WHERE user_id = #{userId} AND id > #{sinceId} ORDER BY id LIMIT #{limit}")
    List<String> since(@Param("userId") long userId, @Param("sinceId") long sinceId, @Param("limit") int limit);

    /** The user's newest {@code limit} notices, newest first. */
    @Select("SELECT body FROM contact_notice WHERE user_id = #{userId} ORDER BY id DESC LIMIT #{limit}")
    List<String> latest(@Param("userId") long userId, @Param("limit") int limit);

    @org.apache.ibatis.annotations.Delete("DELETE FROM contact_notice WHERE user_id = #{userId}")
    int forget(@Param("userId") long userId);
}
