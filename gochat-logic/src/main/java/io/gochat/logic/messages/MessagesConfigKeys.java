package io.gochat.logic.messages;

import static io.gochat.core.config.ConfigKey.Type.DURATION;
import static io.gochat.core.config.ConfigKey.Type.INT;
import static io.gochat.core.config.ConfigKey.Type.RATE;
import static io.gochat.core.config.ConfigKey.Type.STRING;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/** Config keys of typed messages, uploads, recall and typing (logic). */
public final class MessagesConfigKeys implements ConfigKeySet {
    public static final ConfigKey BLOB_STORE = new ConfigKey("blob.store", STRING, "dir",
            "where uploaded files are kept: dir (blob.dir, one server) or db (the database of db.url, shared by every logic server)");
    public static final ConfigKey BLOB_DIR = new ConfigKey("blob.dir", STRING, "data/blobs",
            "directory of uploaded files when blob.store=dir (one file per SHA-256)");
    public static final ConfigKey MAX_KB_IMAGE = new ConfigKey("upload.maxKb.image", INT, "5120",
            "largest image upload in KiB (at most 7168)");
    public static final ConfigKey MAX_KB_VOICE = new ConfigKey("upload.maxKb.voice", INT, "5120",
            "largest voice upload in KiB (at most 7168)");
    public static final ConfigKey MAX_KB_VIDEO = new ConfigKey("upload.maxKb.video", INT, "7168",
            "largest video upload in KiB (at most 7168)");
    public static final ConfigKey MAX_KB_FILE = new ConfigKey("upload.maxKb.file", INT, "7168",
            "largest upload of any other file in KiB (at most 7168)");
    public static final ConfigKey RECALL_WINDOW = new ConfigKey("message.recallWindow", DURATION, "2m",
            "how long after sending the sender may recall a message");
    public static final ConfigKey FILE_LINK_TTL = new ConfigKey("file.linkTtl", DURATION, "1h",
            "how long a signed download link (POST /file/link) works");
    public static final ConfigKey TYPING_LIMIT = new ConfigKey("limit.typing", RATE, "5/1s,120/1m",
            "typing events per user (logic); beyond it they are dropped with a refusal");

    @Override
    public int order() {
        return 45;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(BLOB_STORE, BLOB_DIR, MAX_KB_IMAGE, MAX_KB_VOICE, MAX_KB_VIDEO, MAX_KB_FILE, RECALL_WINDOW,
                TYPING_LIMIT, FILE_LINK_TTL);
    }
}
