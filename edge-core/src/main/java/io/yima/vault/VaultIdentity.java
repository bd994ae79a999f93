package io.yima.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Which files a running edge has open: the vault file and its WAL, by their file system identity (device and
 * inode). SQLite keeps writing into a file deleted under it, and nobody else would read those commits again, so
 * a deleted or replaced file must stop the line instead of letting it go on into a vault that will not be there
 * after the next restart.
 */
final class VaultIdentity {
    private final Path db;
    private final Path wal;
    private final Object dbKey;
    private volatile Object walKey;

    private VaultIdentity(Path db, Object dbKey, Object walKey) {
        this.db = db;
        this.wal = db.resolveSibling(db.getFileName() + "-wal");
        this.dbKey = dbKey;
        this.walKey = walKey;
    }

    static VaultIdentity of(Path db) {
        Path abs = db.toAbsolutePath();
        Object dbKey = key(abs);
        if (dbKey == null) {
            throw new VaultException("the vault file " + abs + " is not there");
        }
        return new VaultIdentity(abs, dbKey, key(abs.resolveSibling(abs.getFileName() + "-wal")));
    }

    /** Null while both files are the ones opened, else what happened to which, in a technician's words. */
    String problem() {
        Object now = key(db);
        if (now == null) {
            return "the vault file " + db + " was deleted (or its disk went away) while the edge ran";
        }
        if (!Objects.equals(now, dbKey)) {
            return "the vault file " + db + " was replaced by another file while the edge ran";
        }
        Object w = key(wal);
        Object known = walKey;
        if (known == null) {
            walKey = w; // SQLite creates the WAL with the first transaction
            return null;
        }
        if (w == null) {
            return "the vault's write-ahead log " + wal + " was deleted while the edge ran: the commits in it are"
                    + " gone after a restart";
        }
        if (!Objects.equals(w, known)) {
            return "the vault's write-ahead log " + wal + " was replaced by another file while the edge ran";
        }
        return null;
    }

    private static Object key(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            Object k = a.fileKey();
            return k != null ? k : a.creationTime();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
