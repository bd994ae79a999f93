package io.yima.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One daemon per vault: an exclusive OS lock on {@code FILE.db.lock}, held for the daemon's whole life, with the
 * holder's process id written in the file. Two daemons on one vault would each recover the other's codes (void its
 * SENT labels, hand its RESERVED codes out again). The OS drops the lock when the process dies, however it dies, so
 * a stale file never blocks a restart. Imports and read-only commands do not take it.
 */
public final class VaultLock implements AutoCloseable {
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private VaultLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file beside the vault. */
    public static Path lockFileOf(Path vaultFile) {
        return vaultFile.resolveSibling(vaultFile.getFileName() + ".lock");
    }

    /** Takes the lock or throws a {@link VaultException} naming the vault and the process that holds it. */
    public static VaultLock acquire(Path vaultFile) {
        Path lockFile = lockFileOf(vaultFile.toAbsolutePath());
        FileChannel ch = null;
        try {
            Files.createDirectories(lockFile.getParent());
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this process already holds it
            }
            if (lock == null) {
                String holder = readHolder(ch);
                ch.close();
                throw new VaultException("vault " + vaultFile + " is in use by another yima-edge daemon ("
                        + (holder.isEmpty() ? "pid unknown" : "pid " + holder) + "); stop it first, or use a command"
                        + " that only reads (vault stats, vault lookup, job report) or import");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(true);
            return new VaultLock(lockFile, ch, lock);
        } catch (IOException e) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // reporting the first failure
            }
            throw new VaultException("cannot lock vault " + vaultFile + " (" + lockFile + "): " + e.getMessage(), e);
        }
    }

    private static String readHolder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        int n = ch.read(b, 0);
        return n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).strip();
    }

    public Path file() {
        return lockFile;
    }

    /** Releases the lock; the file stays (deleting it would let a third process lock a file nobody else sees). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new VaultException("cannot release vault lock " + lockFile + ": " + e.getMessage(), e);
        }
    }
}
