package io.gochat.logic.groups;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The only SQL on the group tables ({@code chat_group}, {@code group_member}, {@code group_ban},
 * {@code group_join_request}, {@code group_notice}; migrations V15–V19). Portable as written on sqlite,
 * PostgreSQL and MariaDB/MySQL.
 */
public interface GroupMapper {
    String GROUP_COLUMNS = "g.id, g.name, g.name_key, g.avatar, g.notice, g.owner_id, g.join_policy, g.member_limit, "
            + "g.member_count, g.muted_all, g.created_at";
    String MEMBER_COLUMNS = "group_id, user_id, role, nickname, muted_until, joined_at";

    @Insert("INSERT INTO chat_group (name, name_key, avatar, notice, owner_id, join_policy, member_limit, member_count, "
            + "muted_all, created_at) VALUES (#{name}, #{nameKey}, #{avatar}, #{notice}, #{ownerId}, #{joinPolicy}, "
            + "#{memberLimit}, 0, 0, #{createdAt})")
    @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
    int insertGroup(GroupRow group);

    @Select("SELECT " + GROUP_COLUMNS + " FROM chat_group g WHERE g.id = #{id}")
    GroupRow group(@Param("id") long id);

    /** {@code pattern} is a LIKE pattern on the lower-case name, with {@code !} as its escape character. */
    @Select("SELECT " + GROUP_COLUMNS + " FROM chat_group g WHERE g.name_key LIKE #{pattern} ESCAPE '!' "
            + "ORDER BY g.id LIMIT #{limit}")
    List<GroupRow> search(@Param("pattern") String pattern, @Param("limit") int limit);

    @Select("SELECT " + GROUP_COLUMNS + ", m.role AS my_role FROM chat_group g JOIN group_member m ON m.group_id = g.id "
            + "WHERE m.user_id = #{userId} ORDER BY g.id")
    List<GroupRow> groupsOf(@Param("userId") long userId);

    @Select("SELECT group_id FROM group_member WHERE user_id = #{userId} ORDER BY group_id")
    List<Long> groupIdsOf(@Param("userId") long userId);

    /** Takes a seat if one is free: 1 row = taken, 0 = full (or no such group); atomic on every engine. */
    @Update("UPDATE chat_group SET member_count = member_count + 1 WHERE id = #{id} AND member_count < member_limit")
    int takeSeat(@Param("id") long groupId);

    @Update("UPDATE chat_group SET member_count = member_count - 1 WHERE id = #{id} AND member_count > 0")
    int freeSeat(@Param("id") long groupId);

    @Update("UPDATE chat_group SET name = #{name}, name_key = #{nameKey}, avatar = #{avatar}, notice = #{notice}, "
            + "join_policy = #{joinPolicy} WHERE id = #{id}")
    int updateCard(GroupRow group);

    @Update("UPDATE chat_group SET muted_all = #{muted} WHERE id = #{id}")
    int muteAll(@Param("id") long groupId, @Param("muted") int muted);

    @Update("UPDATE chat_group SET owner_id = #{ownerId} WHERE id = #{id}")
    int setOwner(@Param("id") long groupId, @Param("ownerId") long ownerId);

    @Delete("DELETE FROM chat_group WHERE id = #{id}")
    int deleteGroup(@Param("id") long groupId);

    @Insert("INSERT INTO group_member (" + MEMBER_COLUMNS + ") VALUES (#{groupId}, #{userId}, #{role}, '', 0, #{joinedAt})")
    int insertMember(@Param("groupId") long groupId, @Param("userId") long userId, @Param("role") String role,
                     @Param("joinedAt") long joinedAt);

    @Select("SELECT " + MEMBER_COLUMNS + " FROM group_member WHERE group_id = #{groupId} AND user_id = #{userId}")
    MemberRow member(@Param("groupId") long groupId, @Param("userId") long userId);

    /** A sender's row with the group's mute in one read (null: not a member, or no such group). */
    @Select("SELECT m.group_id, m.user_id, m.role, m.nickname, m.muted_until, m.joined_at, g.muted_all AS group_muted "
            + "FROM group_member m JOIN chat_group g ON g.id = m.group_id WHERE m.group_id = #{groupId} AND m.user_id = #{userId}")
    MemberRow sender(@Param("groupId") long groupId, @Param("userId") long userId);

    @Select("SELECT " + MEMBER_COLUMNS + " FROM group_member WHERE group_id = #{groupId} ORDER BY joined_at, user_id")
    List<MemberRow> members(@Param("groupId") long groupId);

    @Select("SELECT user_id FROM group_member WHERE group_id = #{groupId} AND role <> 'member' ORDER BY user_id")
    List<Long> admins(@Param("groupId") long groupId);

    /** Removes a member who is not the owner: 1 row, or 0 when there was none (or the owner). */
    @Delete("DELETE FROM group_member WHERE group_id = #{groupId} AND user_id = #{userId} AND role <> 'owner'")
    int removeMember(@Param("groupId") long groupId, @Param("userId") long userId);

    /** Changes a role only from the one expected ({@code from}): 0 rows when someone changed it first. */
    @Update("UPDATE group_member SET role = #{to} WHERE group_id = #{groupId} AND user_id = #{userId} AND role = #{from}")
    int changeRole(@Param("groupId") long groupId, @Param("userId") long userId, @Param("from") String from,
                   @Param("to") String to);

    @Update("UPDATE group_member SET muted_until = #{until} WHERE group_id = #{groupId} AND user_id = #{userId}")
    int muteMember(@Param("groupId") long groupId, @Param("userId") long userId, @Param("until") long until);

    @Update("UPDATE group_member SET nickname = #{nickname} WHERE group_id = #{groupId} AND user_id = #{userId}")
    int setNickname(@Param("groupId") long groupId, @Param("userId") long userId, @Param("nickname") String nickname);

    @Delete("DELETE FROM group_member WHERE group_id = #{groupId}")
    int deleteMembers(@Param("groupId") long groupId);

    @Insert("INSERT INTO group_ban (group_id, user_id, banned_by, created_at) VALUES (#{groupId}, #{userId}, #{by}, #{at})")
    int insertBan(@Param("groupId") long groupId, @Param("userId") long userId, @Param("by") long by, @Param("at") long at);

    @Select("SELECT count(*) FROM group_ban WHERE group_id = #{groupId} AND user_id = #{userId}")
    int banned(@Param("groupId") long groupId, @Param("userId") long userId);

    @Select("SELECT group_id, user_id, '' AS note, banned_by AS by_user_id, created_at FROM group_ban "
            + "WHERE group_id = #{groupId} ORDER BY created_at, user_id")
    List<RequestRow> bans(@Param("groupId") long groupId);

    @Delete("DELETE FROM group_ban WHERE group_id = #{groupId} AND user_id = #{userId}")
    int deleteBan(@Param("groupId") long groupId, @Param("userId") long userId);

    @Delete("DELETE FROM group_ban WHERE group_id = #{groupId}")
    int deleteBans(@Param("groupId") long groupId);

    @Insert("INSERT INTO group_join_request (group_id, user_id, note, created_at) VALUES (#{groupId}, #{userId}, #{note}, #{at})")
    int insertRequest(@Param("groupId") long groupId, @Param("userId") long userId, @Param("note") String note,
                      @Param("at") long at);

    @Select("SELECT group_id, user_id, note, 0 AS by_user_id, created_at FROM group_join_request "
            + "WHERE group_id = #{groupId} ORDER BY created_at, user_id")
    List<RequestRow> requests(@Param("groupId") long groupId);

    @Delete("DELETE FROM group_join_request WHERE group_id = #{groupId} AND user_id = #{userId}")
    int deleteRequest(@Param("groupId") long groupId, @Param("userId") long userId);

    @Delete("DELETE FROM group_join_request WHERE group_id = #{groupId}")
    int deleteRequests(@Param("groupId") long groupId);

    @Insert("INSERT INTO group_notice (id, user_id, group_id, body, created_at) VALUES (#{id}, #{userId}, #{groupId}, #{body}, #{at})")
    int insertNotice(@Param("id") long id, @Param("userId") long userId, @Param("groupId") long groupId,
                     @Param("body") String body, @Param("at") long at);

    @Select("SELECT body FROM group_notice WHERE user_id = #{userId} AND id > #{sinceId} ORDER BY id LIMIT #{limit}")
    List<String> noticesSince(@Param("userId") long userId, @Param("sinceId") long sinceId, @Param("limit") int limit);
}
