package io.yima.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The edge's own record of the codes it issued, kept outside the vault file ({@code FILE.db.ledger}): one line per
 * contiguous run of reserved codes, written and fsynced before the reservation commits, so any code that may have
 * left the process is in it (a code leaves only after it was committed SENT, and it is RESERVED before that). Codes
 * given back to stock unsent (job close, start-up recovery) get a RELEASE line after their commit. Each line names
 * the vault (its random id) that issued the run.
 *
 * <p>What it is for: a vault that lost commits (its WAL deleted, restored from an older backup) shows codes the
 * ledger says were handed out as AVAILABLE or RESERVED; recovery voids those instead of issuing them again. A new,
 * empty vault into which already issued codes are imported again is refused, because the ledger names another
 * vault for them. Append-only text, one checksum per line: a damaged line is an error, never skipped.
 */
public final class Ledger implements AutoCloseable {
    /** What a line records. */
    public enum Kind {
        /** The run [from, to] was reserved (it may leave the process from now on). */
        RESERVE,
        /** The run [from, to] went back to stock unsent. */
        RELEASE,
        /** The running edge saw its vault file or WAL deleted or replaced: the vault may have lost commits. */
        LOST,
        /** Recovery voided what the ledger said was issued: a LOST before this line is dealt with. */
        RECOVERED
    }

    /** One ledger line. */
    public record Entry(long seq, Kind kind, String vaultId, long applicationId, long from, long to) {
    }

    /** Test hook: runs after each append is on disk (fsynced), before the caller goes on. */
    static volatile Runnable afterSync = () -> { };

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();
    private FileChannel channel;
    private long nextSeq = 1;

    private Ledger(Path file) {
        this.file = file;
    }

    /** The ledger beside a vault file. */
    public static Path fileOf(Path vaultFile) {
        return vaultFile.resolveSibling(vaultFile.getFileName() + ".ledger");
    }

    /** Reads and checks the ledger beside {@code vaultFile} (an absent ledger is empty). */
    public static Ledger open(Path vaultFile) {
        Ledger l = new Ledger(fileOf(vaultFile.toAbsolutePath()));
        l.load();
        return l;
    }

    public Path file() {
        return file;
    }

    private void load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new VaultException("cannot read the vault ledger " + file + ": " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            lineNo++;
            int end = text.indexOf('\n', start);
            if (end < 0) {
                throw damaged(lineNo, "the last line is incomplete (cut off while it was written, e.g. by a power"
                        + " cut)");
            }
            Entry e = parse(text.substring(start, end), lineNo);
            if (e.seq() != nextSeq) {
                throw damaged(lineNo, "line number " + e.seq() + " where " + nextSeq + " was expected (lines"
                        + " missing or out of order)");
            }
            entries.add(e);
            nextSeq++;
            start = end + 1;
        }
    }

    private Entry parse(String line, int lineNo) {
        int lastSpace = line.lastIndexOf(' ');
        if (lastSpace < 0) {
            throw damaged(lineNo, "it is not a ledger line");
        }
        String body = line.substring(0, lastSpace);
        if (!line.substring(lastSpace + 1).equals(checksum(body))) {
            throw damaged(lineNo, "its checksum does not match its content");
        }
        String[] f = body.split(" ", -1);
        if (f.length != 6) {
            throw damaged(lineNo, "it has " + f.length + " fields where 6 were expected");
        }
        try {
            return new Entry(Long.parseLong(f[0]), Kind.valueOf(f[1]), f[2], Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]));
        } catch (IllegalArgumentException e) {
            throw damaged(lineNo, "a field is not what it should be");
        }
    }

    private VaultException damaged(int lineNo, String why) {
        return new VaultException("the vault ledger " + file + " is damaged at line " + lineNo + ": " + why
                + ". The ledger is the edge's record of the codes it issued and is never skipped: put back the copy"
                + " you keep (docs/operations.md, \"Vault ledger\") or look at the line and repair it by hand");
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return String.format("%08x", crc.getValue());
    }

    /**
     * Appends the lines and fsyncs them before returning: the caller commits the change they describe only after
     * this returned. All lines of one call cost one fsync.
     */
    public synchronized void append(List<Entry> toAppend) {
        if (toAppend.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        List<Entry> numbered = new ArrayList<>(toAppend.size());
        long seq = nextSeq;
        for (Entry e : toAppend) {
            Entry n = new Entry(seq++, e.kind(), e.vaultId(), e.applicationId(), e.from(), e.to());
            String body = n.seq() + " " + n.kind() + " " + n.vaultId() + " " + n.applicationId() + " " + n.from()
                    + " " + n.to();
            sb.append(body).append(' ').append(checksum(body)).append('\n');
            numbered.add(n);
        }
        try {
            boolean created = false;
            if (channel == null) {
                created = !Files.exists(file);
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(true);
            if (created) {
                syncDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw new VaultException("cannot write the vault ledger " + file + ": " + e.getMessage()
                    + " (nothing was reserved)", e);
        }
        entries.addAll(numbered);
        nextSeq = seq;
        afterSync.run();
    }

    /** Makes a new file's directory entry durable (Linux allows fsync on a directory opened for reading). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // not every file system allows it; the file's own data is synced
        }
    }

    /** Runs of the indexes (sorted ascending) as ledger lines of one kind. */
    public static List<Entry> runs(Kind kind, String vaultId, long applicationId, List<Long> sortedIndexes) {
        List<Entry> out = new ArrayList<>();
        int i = 0;
        while (i < sortedIndexes.size()) {
            long from = sortedIndexes.get(i);
            long to = from;
            while (i + 1 < sortedIndexes.size() && sortedIndexes.get(i + 1) == to + 1) {
                i++;
                to++;
            }
            out.add(new Entry(0, kind, vaultId, applicationId, from, to));
            i++;
        }
        return out;
    }

    /** A LOST line for the vault. */
    public void lost(String vaultId) {
        append(List.of(new Entry(0, Kind.LOST, vaultId, 0, 0, 0)));
    }

    /** True when a LOST line for the vault has no RECOVERED line after it. */
    public synchronized boolean lostPending(String vaultId) {
        boolean lost = false;
        for (Entry e : entries) {
            if (e.vaultId().equals(vaultId)) {
                if (e.kind() == Kind.LOST) {
                    lost = true;
                } else if (e.kind() == Kind.RECOVERED) {
                    lost = false;
                }
            }
        }
        return lost;
    }

    /** Per application, the runs the vault reserved and did not release: codes that may have left the process. */
    public synchronized Map<Long, Ranges> outstanding(String vaultId) {
        Map<Long, Ranges> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.vaultId().equals(vaultId)) {
                apply(out, e);
            }
        }
        return out;
    }

    /** Per vault id other than {@code vaultId}, the application's outstanding runs: codes another vault issued. */
    public synchronized Map<String, Ranges> issuedElsewhere(String vaultId, long applicationId) {
        Map<String, Ranges> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (!e.vaultId().equals(vaultId) && e.applicationId() == applicationId) {
                Ranges r = out.computeIfAbsent(e.vaultId(), k -> new Ranges());
                if (e.kind() == Kind.RESERVE) {
                    r.add(e.from(), e.to());
                } else if (e.kind() == Kind.RELEASE) {
                    r.remove(e.from(), e.to());
                }
            }
        }
        out.values().removeIf(Ranges::isEmpty);
        return out;
    }

    private static void apply(Map<Long, Ranges> out, Entry e) {
        if (e.kind() == Kind.RESERVE) {
            out.computeIfAbsent(e.applicationId(), k -> new Ranges()).add(e.from(), e.to());
        } else if (e.kind() == Kind.RELEASE) {
            Ranges r = out.get(e.applicationId());
            if (r != null) {
                r.remove(e.from(), e.to());
            }
        }
    }

    /** The lines read and written so far. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // every append was already forced
            }
            channel = null;
        }
    }
}
