package io.gochat.logic.media;

import io.gochat.logic.storage.UploadMapper;
import io.gochat.logic.storage.UserDatabase;

/**
 * Blobs in the {@code blob_data} table of {@code db.url}: every logic server sees every file, so servers on
 * several hosts share uploads (PostgreSQL or MariaDB; sqlite works too, for one host).
 */
public final class DatabaseBlobStore implements BlobStore {
    private final UserDatabase db;

    public DatabaseBlobStore(UserDatabase db) {
        this.db = db;
    }

    @Override
    public boolean put(String sha256, byte[] data) {
        if (contains(sha256)) {
            return false;
        }
        try {
            db.with(UploadMapper.class, m -> m.insertBlob(sha256, data.length, data));
            return true;
        } catch (RuntimeException e) {
            if (UserDatabase.isDuplicateKey(e)) {
                return false;   // another server stored the same bytes at the same moment
            }
            throw e;
        }
    }

    @Override
    public byte[] get(String sha256) {
        io.gochat.logic.storage.BlobData row = db.with(UploadMapper.class, m -> m.blob(sha256));
        return row == null ? null : row.getData();
    }

    @Override
    public boolean contains(String sha256) {
        return db.with(UploadMapper.class, m -> m.hasBlob(sha256)) > 0;
    }
}
