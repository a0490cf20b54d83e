package io.gochat.logic.media;

import io.gochat.logic.storage.UploadMapper;
import io.gochat.logic.storage.UploadRow;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.service.DownloadReply;
import io.gochat.protocol.service.FileInfo;
import io.gochat.protocol.service.UploadReply;
import io.gochat.protocol.service.UploadRequest;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores uploads (blocking: call it on logic's worker pool): sniffs the type, checks the limit of its kind,
 * keeps the bytes once per SHA-256, makes image thumbnails, records who uploaded what. A file may be
 * downloaded by its uploader and by the users of every conversation it was sent to ({@link #grant}).
 */
public final class Uploads {
    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_NAME = 255;

    private final UserDatabase db;
    private final BlobStore blobs;
    private final UploadLimits limits;
    private final ConversationAccess access;

    public Uploads(UserDatabase db, BlobStore blobs, UploadLimits limits, ConversationAccess access) {
        this.db = db;
        this.blobs = blobs;
        this.limits = limits;
        this.access = access;
    }

    public UploadReply upload(long userId, UploadRequest r) {
        byte[] data = r.data();
        if (data == null || data.length == 0) {
            return UploadReply.refused("file is empty");
        }
        if (data.length > limits.largest()) {
            return UploadReply.refused("file is too big: " + data.length + " bytes, at most " + limits.largest());
        }
        Sniffed type;
        try {
            type = MimeSniffer.sniff(data);
        } catch (UploadRefused e) {
            log.info("upload by user {} refused: {} (declared {})", userId, e.getMessage(), r.declaredType());
            return UploadReply.refused(e.getMessage());
        }
        long max = limits.of(type.kind());
        if (data.length > max) {
            return UploadReply.refused(type.kind() + " files may be at most " + max + " bytes, this one has "
                    + data.length);
        }
        if (r.durationMs() < 0 || r.durationMs() > 3_600_000) {
            return UploadReply.refused("durationMs must be between 0 and 3600000");
        }
        String sha = sha256(data);
        int width = 0;
        int height = 0;
        String thumbSha = null;
        try {
            boolean added = blobs.put(sha, data);
            if ("image".equals(type.kind())) {
                Thumbnails.Result t = Thumbnails.of(data);
                width = t.width();
                height = t.height();
                if (t.thumbnail() != null) {
                    thumbSha = sha256(t.thumbnail());
                    blobs.put(thumbSha, t.thumbnail());
                }
            }
            log.debug("blob {} {} ({} bytes)", sha, added ? "stored" : "already stored", data.length);
        } catch (IOException e) {
            log.warn("blob store failed for an upload of user {}: {}", userId, e.toString());
            return UploadReply.refused("file store failed, try again");
        }
        long duration = "voice".equals(type.kind()) || "video".equals(type.kind()) ? r.durationMs() : 0;
        UploadRow row = new UploadRow(newId(), userId, sha, type.kind(), type.mime(), data.length, name(r.fileName()),
                width, height, duration, thumbSha, System.currentTimeMillis());
        db.with(UploadMapper.class, m -> m.insert(row));
        log.info("user {} uploaded {} {} ({} bytes, sha256 {})", userId, row.id(), type.mime(), data.length, sha);
        return new UploadReply(0, "ok", info(row));
    }

    /** The upload {@code fileId} if {@code userId} uploaded it (only one's own files may be sent), else null. */
    public UploadRow ownedBy(String fileId, long userId) {
        UploadRow row = db.with(UploadMapper.class, m -> m.find(fileId));
        return row != null && row.ownerUserId() == userId ? row : null;
    }

    /** The users of {@code conversation} may download {@code fileId} from now on. */
    public void grant(String fileId, String conversation) {
        try {
            db.with(UploadMapper.class, m -> m.grant(fileId, conversation));
        } catch (RuntimeException e) {
            if (!UserDatabase.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    /**
     * A message with {@code fileId} was recalled from {@code conversation}: its users lose the file unless
     * another message there still carries it (the uploader keeps it).
     */
    public void revokeIfUnused(String fileId, String conversation) {
        String pattern = "%\"fileId\":\"" + fileId + "\"%";
        db.with(UploadMapper.class, m -> m.messagesWith(conversation, pattern) == 0 ? m.revoke(fileId, conversation) : 0);
    }

    public DownloadReply download(long userId, String fileId, boolean thumbnail) {
        if (fileId == null || !fileId.matches("[0-9a-f]{32}")) {
            return DownloadReply.refused("no file " + fileId);
        }
        UploadRow row = db.with(UploadMapper.class, m -> m.find(fileId));
        if (row == null || !maySee(userId, row)) {
            return DownloadReply.refused("no file " + fileId + " that you may see");   // the same for both: no probing
        }
        return load(row, fileId, thumbnail);
    }

    /** A file the caller may download (as {@link #download} checks), or null: to sign a link to it. */
    public UploadRow visible(long userId, String fileId) {
        if (fileId == null || !fileId.matches("[0-9a-f]{32}")) {
            return null;
        }
        UploadRow row = db.with(UploadMapper.class, m -> m.find(fileId));
        return row != null && maySee(userId, row) ? row : null;
    }

    /** The bytes behind a link whose signature was checked. */
    public DownloadReply downloadLinked(String fileId, boolean thumbnail) {
        if (fileId == null || !fileId.matches("[0-9a-f]{32}")) {
            return DownloadReply.refused("no file " + fileId);
        }
        UploadRow row = db.with(UploadMapper.class, m -> m.find(fileId));
        return row == null ? DownloadReply.refused("no file " + fileId) : load(row, fileId, thumbnail);
    }

    private DownloadReply load(UploadRow row, String fileId, boolean thumbnail) {
        String sha = thumbnail ? row.thumbSha256() : row.sha256();
        if (sha == null) {
            return DownloadReply.refused("file " + fileId + " has no thumbnail");
        }
        try {
            byte[] data = blobs.get(sha);
            if (data == null) {
                log.warn("blob {} of upload {} is missing from the blob store", sha, fileId);
                return DownloadReply.refused("file " + fileId + " is not available");
            }
            return new DownloadReply(0, "ok", thumbnail ? "image/jpeg" : row.mime(), row.name(), data);
        } catch (IOException e) {
            log.warn("reading blob {} failed: {}", sha, e.toString());
            return DownloadReply.refused("file store failed, try again");
        }
    }

    private boolean maySee(long userId, UploadRow row) {
        if (row.ownerUserId() == userId) {
            return true;
        }
        List<String> conversations = db.with(UploadMapper.class, m -> m.grants(row.id()));
        for (String c : conversations) {
            if (access.maySee(userId, c)) {
                return true;
            }
        }
        return false;
    }

    public static FileInfo info(UploadRow row) {
        return new FileInfo(row.id(), row.kind(), row.mime(), row.size(), row.sha256(), row.name(), row.width(),
                row.height(), row.durationMs(), row.thumbSha256() != null);
    }

    private static String name(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "file";
        }
        String n = fileName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "_").strip();
        if (n.isEmpty()) {
            return "file";
        }
        return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
