package io.gochat.logic.storage;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The only SQL on the {@code user} table (gochat's table name and columns, so its database file still
 * opens). {@code ${userTable}} is the table's name as the engine spells it ({@link Dialect#userTable()}).
 */
public interface UserMapper {

    /** Fills in the generated id; create_time is the database's clock (UTC on sqlite, as gochat wrote it). */
    @Insert("INSERT INTO ${userTable} (user_name, name_key, password, create_time) VALUES (#{userName}, #{nameKey}, #{password}, CURRENT_TIMESTAMP)")
    @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
    int insert(UserRow user);

    @Select("SELECT id, user_name, password FROM ${userTable} WHERE user_name = #{userName}")
    UserRow findByName(@Param("userName") String userName);

    /** The user whose {@link io.gochat.logic.user.UserNamePolicy#key} is this (null for names registered before keys). */
    @Select("SELECT id, user_name, password FROM ${userTable} WHERE name_key = #{nameKey}")
    UserRow findByNameKey(@Param("nameKey") String nameKey);

    @Select("SELECT id, user_name, password FROM ${userTable} WHERE id = #{id}")
    UserRow findById(@Param("id") long id);

    @Update("UPDATE ${userTable} SET password = #{password} WHERE id = #{id}")
    int updatePassword(@Param("id") long id, @Param("password") String password);

    @org.apache.ibatis.annotations.Delete("DELETE FROM ${userTable} WHERE id = #{id}")
    int deleteById(@Param("id") long id);
}
