package io.gochat.logic.contacts;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The only SQL on {@code friend_request} (contacts owns it). Portable as written. */
public interface RequestMapper {
    String COLUMNS = "r.id, r.from_user_id, fu.user_name AS from_user_name, r.to_user_id, tu.user_name AS to_user_name, "
            + "r.note, r.state, r.created_at, r.decided_at FROM friend_request r "
            + "JOIN ${userTable} fu ON fu.id = r.from_user_id JOIN ${userTable} tu ON tu.id = r.to_user_id ";

    @Insert("INSERT INTO friend_request (from_user_id, to_user_id, note, state, created_at, decided_at) "
            + "VALUES (#{fromUserId}, #{toUserId}, #{note}, #{state}, #{createdAt}, 0)")
    @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
    int insert(RequestRow row);

    @Select("SELECT " + COLUMNS + "WHERE r.id = #{id}")
    RequestRow find(@Param("id") long id);

    /** The newest pending request from one user to another made after {@code since}, or null. */
    @Select("SELECT " + COLUMNS + "WHERE r.from_user_id = #{from} AND r.to_user_id = #{to} AND r.state = 'pending' "
            + "AND r.created_at > #{since} ORDER BY r.id DESC LIMIT 1")
    RequestRow pending(@Param("from") long from, @Param("to") long to, @Param("since") long since);

    /** A pending request sent again: new note, new time (so it expires later). */
    @Update("UPDATE friend_request SET note = #{note}, created_at = #{now} WHERE id = #{id} AND state = 'pending'")
    int renew(@Param("id") long id, @Param("note") String note, @Param("now") long now);

    /** Decides a pending request; 0 when it was no longer pending (someone else decided first). */
    @Update("UPDATE friend_request SET state = #{state}, decided_at = #{now} WHERE id = #{id} AND state = 'pending'")
    int decide(@Param("id") long id, @Param("state") String state, @Param("now") long now);

    /** Every pending request between two users, either way, gets {@code state} (a friendship began, or a block). */
    @Update("UPDATE friend_request SET state = #{state}, decided_at = #{now} WHERE state = 'pending' AND "
            + "((from_user_id = #{a} AND to_user_id = #{b}) OR (from_user_id = #{b} AND to_user_id = #{a}))")
    int decideBetween(@Param("a") long a, @Param("b") long b, @Param("state") String state, @Param("now") long now);

    /** Pending requests to the user made after {@code since}, newest first. */
    @Select("SELECT " + COLUMNS + "WHERE r.to_user_id = #{userId} AND r.state = 'pending' AND r.created_at > #{since} "
            + "ORDER BY r.id DESC LIMIT #{limit}")
    List<RequestRow> incoming(@Param("userId") long userId, @Param("since") long since, @Param("limit") int limit);

    /** Pending requests from the user made after {@code since}, newest first. */
    @Select("SELECT " + COLUMNS + "WHERE r.from_user_id = #{userId} AND r.state = 'pending' AND r.created_at > #{since} "
            + "ORDER BY r.id DESC LIMIT #{limit}")
    List<RequestRow> outgoing(@Param("userId") long userId, @Param("since") long since, @Param("limit") int limit);

    /** A deleted user's requests, sent and received. */
    @org.apache.ibatis.annotations.Delete("DELETE FROM friend_request WHERE from_user_id = #{userId} OR to_user_id = #{userId}")
    int forget(@Param("userId") long userId);
}
