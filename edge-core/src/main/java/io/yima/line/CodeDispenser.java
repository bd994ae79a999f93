package io.yima.line;

import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The in-memory prefetch the dispatcher pops from. Codes are reserved from the vault in committed blocks, so
 * SQLite is touched once per block, not once per label; a crash leaves them RESERVED, which recovery returns
 * to AVAILABLE because a RESERVED code provably never left (SENT is committed before any byte does).
 */
final class CodeDispenser {
    private final CodeVault vault;
    private final int block;
    /** Told the size of each committed block (a note event for metrics); runs on the line's thread. */
    private final IntConsumer reservedBlock;
    private final ArrayDeque<CodeRecord> buffer = new ArrayDeque<>();
    private long applicationId;
    private String jobId;
    private boolean exhausted;
    /** {@link CodeVault#stockVersion} when the application was found empty: stock is asked again once it moved. */
    private long exhaustedAt;

    CodeDispenser(CodeVault vault, int block) {
        this(vault, block, n -> { });
    }

    CodeDispenser(CodeVault vault, int block, IntConsumer reservedBlock) {
        this.vault = vault;
        this.block = block;
        this.reservedBlock = reservedBlock;
    }

    void forJob(long applicationId, String jobId) {
        this.applicationId = applicationId;
        this.jobId = jobId;
        buffer.clear();
        exhausted = false;
    }

    /**
     * The next code for this job, or null when the application has none left. Once out of codes, the job resumes
     * by itself when codes of its application arrive (an import while the line runs, another job's reservation
     * released): each call compares the vault's stock version, and only when it moved asks the counters.
     */
    CodeRecord next() {
        if (buffer.isEmpty() && exhausted && stockArrived()) {
            exhausted = false;
        }
        if (buffer.isEmpty() && !exhausted) {
            long version = vault.stockVersion(); // before the reserve: an import committed after it is noticed
            var block = vault.reserve(applicationId, jobId, this.block);
            exhausted = block.isEmpty();
            exhaustedAt = version;
            buffer.addAll(block);
            if (!block.isEmpty()) {
                reservedBlock.accept(block.size());
            }
        }
        return buffer.pollFirst();
    }

    /** True when the application has AVAILABLE codes again; a cheap comparison while nothing changed. */
    private boolean stockArrived() {
        long version = vault.stockVersion();
        if (version == exhaustedAt) {
            return false;
        }
        exhaustedAt = version;
        return vault.available(applicationId) > 0;
    }

    /** Codes taken but not committed SENT (the commit failed): still RESERVED, so they are issued next. */
    void putBack(List<CodeRecord> codes) {
        for (int i = codes.size() - 1; i >= 0; i--) {
            buffer.addFirst(codes.get(i));
        }
    }

    /** Hands the unused prefetch back to AVAILABLE (job close). */
    int release() {
        int released = jobId == null ? 0 : vault.release(jobId);
        buffer.clear();
        return released;
    }
}
