package io.gochat.logic.contacts;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The only SQL on {@code friend} and {@code private_history_cut} (contacts owns them). Portable as written. */
public interface FriendMapper {

    @Insert("INSERT INTO friend (user_id, friend_id, remark, created_at) VALUES (#{userId}, #{friendId}, '', #{now})")
    int insert(@Param("userId") long userId, @Param("friendId") long friendId, @Param("now") long now);

    /** Both sides of the friendship of {@code a} and {@code b}. */
    @Delete("DELETE FROM friend WHERE (user_id = #{a} AND friend_id = #{b}) OR (user_id = #{b} AND friend_id = #{a})")
    int deleteBoth(@Param("a") long a, @Param("b") long b);

    @Select("SELECT count(*) FROM friend WHERE user_id = #{userId} AND friend_id = #{friendId}")
    int count(@Param("userId") long userId, @Param("friendId") long friendId);

    @Select("SELECT " + ProfileMapper.COLUMNS + ", f.remark, f.created_at FROM friend f "
            + "JOIN ${userTable} u ON u.id = f.friend_id LEFT JOIN user_profile p ON p.user_id = f.friend_id "
            + "WHERE f.user_id = #{userId} ORDER BY f.friend_id")
    List<FriendRow> list(@Param("userId") long userId);

    @Select("SELECT friend_id FROM friend WHERE user_id = #{userId}")
    List<Long> friendIds(@Param("userId") long userId);

    /** 0 when {@code friendId} is not the user's friend. */
    @Update("UPDATE friend SET remark = #{remark} WHERE user_id = #{userId} AND friend_id = #{friendId}")
    int setRemark(@Param("userId") long userId, @Param("friendId") long friendId, @Param("remark") String remark);

    /** Of the given pairs ({@code froms[i]}, {@code tos[i]}), those that are friends: rows of (a = from, b = to), a superset to filter. */
    @Select("<script>SELECT user_id AS a, friend_id AS b FROM friend WHERE user_id IN "
            + "<foreach item='id' collection='froms' open='(' separator=',' close=')'>#{id}</foreach> AND friend_id IN "
            + "<foreach item='id' collection='tos' open='(' separator=',' close=')'>#{id}</foreach></script>")
    List<PairRow> among(@Param("froms") java.util.Collection<Long> froms, @Param("tos") java.util.Collection<Long> tos);

    @Delete("DELETE FROM private_history_cut WHERE user_id = #{userId} AND peer_id = #{peerId}")
    int uncutHistory(@Param("userId") long userId, @Param("peerId") long peerId);

    @Insert("INSERT INTO private_history_cut (user_id, peer_id, up_to_id) VALUES (#{userId}, #{peerId}, #{upToId})")
    int cutHistory(@Param("userId") long userId, @Param("peerId") long peerId, @Param("upToId") long upToId);

    /** The id up to which the user removed their 1:1 history with {@code peerId}, or null. */
    @Select("SELECT up_to_id FROM private_history_cut WHERE user_id = #{userId} AND peer_id = #{peerId}")
    Long historyCut(@Param("userId") long userId, @Param("peerId") long peerId);

    /** A deleted user: both sides of their friendships, and history cuts by or about them. */
    @Delete("DELETE FROM friend WHERE user_id = #{userId} OR friend_id = #{userId}")
    int forget(@Param("userId") long userId);

    @Delete("DELETE FROM private_history_cut WHERE user_id = #{userId} OR peer_id = #{userId}")
    int forgetCuts(@Param("userId") long userId);
}
