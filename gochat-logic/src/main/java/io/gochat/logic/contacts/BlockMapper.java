package io.gochat.logic.contacts;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The only SQL on {@code user_block} (contacts owns it). Portable as written. */
public interface BlockMapper {

    @Insert("INSERT INTO user_block (owner_id, blocked_id, created_at) VALUES (#{ownerId}, #{blockedId}, #{now})")
    int insert(@Param("ownerId") long ownerId, @Param("blockedId") long blockedId, @Param("now") long now);

    @Delete("DELETE FROM user_block WHERE owner_id = #{ownerId} AND blocked_id = #{blockedId}")
    int delete(@Param("ownerId") long ownerId, @Param("blockedId") long blockedId);

    @Select("SELECT count(*) FROM user_block WHERE owner_id = #{ownerId} AND blocked_id = #{blockedId}")
    int count(@Param("ownerId") long ownerId, @Param("blockedId") long blockedId);

    @Select("SELECT " + ProfileMapper.COLUMNS + " FROM user_block b JOIN ${userTable} u ON u.id = b.blocked_id "
            + "LEFT JOIN user_profile p ON p.user_id = b.blocked_id WHERE b.owner_id = #{ownerId} ORDER BY b.blocked_id")
    List<ProfileRow> list(@Param("ownerId") long ownerId);

    /** Blocks whose owner is among {@code owners} and whose target among {@code blocked} (a superset to filter). */
    @Select("<script>SELECT owner_id AS a, blocked_id AS b FROM user_block WHERE owner_id IN "
            + "<foreach item='id' collection='owners' open='(' separator=',' close=')'>#{id}</foreach> AND blocked_id IN "
            + "<foreach item='id' collection='blocked' open='(' separator=',' close=')'>#{id}</foreach></script>")
    List<PairRow> among(@Param("owners") Collection<Long> owners, @Param("blocked") Collection<Long> blocked);

    /** A deleted user's blocks, made and received. */
    @Delete("DELETE FROM user_block WHERE owner_id = #{userId} OR blocked_id = #{userId}")
    int forget(@Param("userId") long userId);
}
