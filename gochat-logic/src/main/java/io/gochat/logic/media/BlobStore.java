package io.gochat.logic.media;

import java.io.IOException;

/**
 * File contents by SHA-256 (lower-case hex): the same bytes are kept once. {@code blob.store} picks the
 * implementation: {@link LocalBlobStore} (a directory, one server) or {@link DatabaseBlobStore} (the
 * configured database, shared by every logic server).
 */
public interface BlobStore {

    /** Stores {@code data} under {@code sha256} unless it is there already; answers true if it was new. */
    boolean put(String sha256, byte[] data) throws IOException;

    /** The bytes stored under {@code sha256}, or null. */
    byte[] get(String sha256) throws IOException;

    /** Whether {@code sha256} is stored. */
    boolean contains(String sha256) throws IOException;
}
