package io.gochat.logic.contacts;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The only SQL on {@code user_profile} (contacts owns it); reads join the {@code user} table. Portable as written. */
public interface ProfileMapper {
    String COLUMNS = "u.id AS user_id, u.user_name, p.nickname, p.avatar_url, p.bio, p.status";
    String FROM = " FROM ${userTable} u LEFT JOIN user_profile p ON p.user_id = u.id ";

    /** The user with their profile, or null when there is no such user. */
    @Select("SELECT " + COLUMNS + FROM + "WHERE u.id = #{userId}")
    ProfileRow find(@Param("userId") long userId);

    /**
     * Users whose name key or nickname key starts as {@code pattern} says ({@code LIKE}, {@code !} escapes),
     * in id order, a page at a time.
     */
    @Select("SELECT " + COLUMNS + FROM + "WHERE u.name_key LIKE #{pattern} ESCAPE '!' OR p.nickname_key LIKE #{pattern} ESCAPE '!' "
            + "ORDER BY u.id LIMIT #{limit} OFFSET #{offset}")
    List<ProfileRow> search(@Param("pattern") String pattern, @Param("offset") int offset, @Param("limit") int limit);

    @Update("UPDATE user_profile SET nickname = #{p.nickname}, nickname_key = #{nicknameKey}, avatar_url = #{p.avatarUrl}, "
            + "bio = #{p.bio}, status = #{p.status}, updated_at = #{now} WHERE user_id = #{p.userId}")
    int update(@Param("p") ProfileRow profile, @Param("nicknameKey") String nicknameKey, @Param("now") long now);

    @Insert("INSERT INTO user_profile (user_id, nickname, nickname_key, avatar_url, bio, status, updated_at) "
            + "VALUES (#{p.userId}, #{p.nickname}, #{nicknameKey}, #{p.avatarUrl}, #{p.bio}, #{p.status}, #{now})")
    int insert(@Param("p") ProfileRow profile, @Param("nicknameKey") String nicknameKey, @Param("now") long now);

    @org.apache.ibatis.annotations.Delete("DELETE FROM user_profile WHERE user_id = #{userId}")
    int forget(@Param("userId") long userId);
}
