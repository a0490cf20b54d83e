package io.gochat.logic.media;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Blobs as files under {@code blob.dir}: {@code ab/cd/abcd…} (two levels of fan-out). A blob is written
 * to a temporary file and moved into place, so a reader never sees half a file.
 */
public final class LocalBlobStore implements BlobStore {
    private final Path root;

    public LocalBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    Path pathOf(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    @Override
    public boolean put(String sha256, byte[] data) throws IOException {
        Path target = pathOf(sha256);
        if (Files.exists(target)) {
            return false;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), sha256.substring(0, 8), ".part");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;   // the same bytes arrived twice at once
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public byte[] get(String sha256) throws IOException {
        try {
            return Files.readAllBytes(pathOf(sha256));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public boolean contains(String sha256) {
        return Files.exists(pathOf(sha256));
    }
}
