package io.gochat.logic.storage;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for the {@code user} table (gochat's table name and columns, so its database file still opens). */
public interface UserMapper {

    @Insert("INSERT INTO user (user_name, name_key, password, create_time) VALUES (#{userName}, #{nameKey}, #{password}, #{createTime})")
    @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
    int insert(UserRow user);

    @Select("SELECT id, user_name, password, create_time FROM user WHERE user_name = #{userName}")
    UserRow findByName(@Param("userName") String userName);

    /** The user whose {@link io.gochat.logic.user.UserNamePolicy#key} is this (null for names registered before keys). */
    @Select("SELECT id, user_name, password, create_time FROM user WHERE name_key = #{nameKey}")
    UserRow findByNameKey(@Param("nameKey") String nameKey);

    @Select("SELECT id, user_name, password, create_time FROM user WHERE id = #{id}")
    UserRow findById(@Param("id") long id);

    @Update("UPDATE user SET password = #{password} WHERE id = #{id}")
    int updatePassword(@Param("id") long id, @Param("password") String password);

    @org.apache.ibatis.annotations.Delete("DELETE FROM user WHERE id = #{id}")
    int deleteById(@Param("id") long id);
}
