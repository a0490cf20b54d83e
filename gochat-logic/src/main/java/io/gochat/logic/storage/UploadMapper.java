package io.gochat.logic.storage;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The SQL of the {@code upload}, {@code upload_grant} and {@code blob_data} tables (owner: io.gochat.logic.media). */
public interface UploadMapper {

    @Insert("INSERT INTO upload (id, owner_user_id, sha256, kind, mime, size, name, width, height, duration_ms, "
            + "thumb_sha256, created_at) VALUES (#{id}, #{ownerUserId}, #{sha256}, #{kind}, #{mime}, #{size}, #{name}, "
            + "#{width}, #{height}, #{durationMs}, #{thumbSha256}, #{createdAt})")
    int insert(UploadRow row);

    @Select("SELECT id, owner_user_id, sha256, kind, mime, size, name, width, height, duration_ms, thumb_sha256, "
            + "created_at FROM upload WHERE id = #{id}")
    UploadRow find(@Param("id") String id);

    /** Grants the users of {@code conversation} the file (duplicates are refused by the key). */
    @Insert("INSERT INTO upload_grant (upload_id, conversation) VALUES (#{uploadId}, #{conversation})")
    int grant(@Param("uploadId") String uploadId, @Param("conversation") String conversation);

    @org.apache.ibatis.annotations.Delete("DELETE FROM upload_grant WHERE upload_id = #{uploadId} AND conversation = #{conversation}")
    int revoke(@Param("uploadId") String uploadId, @Param("conversation") String conversation);

    /** Messages of the conversation that still carry the file (a recalled one has no body any more). */
    @Select("SELECT count(*) FROM message WHERE conversation = #{conversation} AND body LIKE #{pattern}")
    long messagesWith(@Param("conversation") String conversation, @Param("pattern") String pattern);

    @Select("SELECT conversation FROM upload_grant WHERE upload_id = #{uploadId}")
    java.util.List<String> grants(@Param("uploadId") String uploadId);

    // the blob store on the database (blob.store=db)
    @Insert("INSERT INTO blob_data (sha256, size, data) VALUES (#{sha256}, #{size}, #{data})")
    int insertBlob(@Param("sha256") String sha256, @Param("size") long size, @Param("data") byte[] data);

    @Select("SELECT data FROM blob_data WHERE sha256 = #{sha256}")
    @org.apache.ibatis.annotations.Results(@org.apache.ibatis.annotations.Result(column = "data", property = "data",
            typeHandler = org.apache.ibatis.type.ByteArrayTypeHandler.class))   // getBytes: sqlite has no getBlob
    BlobData blob(@Param("sha256") String sha256);

    @Select("SELECT count(*) FROM blob_data WHERE sha256 = #{sha256}")
    int hasBlob(@Param("sha256") String sha256);
}
