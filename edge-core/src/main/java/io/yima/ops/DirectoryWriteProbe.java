package io.yima.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;

/**
 * Proves that the vault's directory still takes writes (disk full, read-only remount, lost permissions) by
 * writing and syncing one small file next to the database. Cheap enough for every watchdog tick.
 */
public final class DirectoryWriteProbe implements BooleanSupplier {

    private final Path probe;

    public DirectoryWriteProbe(Path directory) {
        this.probe = directory.resolve(".yima-write-probe");
    }

    @Override
    public boolean getAsBoolean() {
        try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(Long.toString(System.currentTimeMillis()).getBytes()));
            ch.force(false);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the next probe overwrites it
            }
        }
    }
}
