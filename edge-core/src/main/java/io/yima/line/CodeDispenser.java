package io.yima.line;

import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.JobState;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory prefetch the dispatcher pops from. Codes are reserved from the vault in committed blocks, so
 * SQLite is touched once per block, not once per label; a crash leaves them RESERVED, which recovery returns
 * to AVAILABLE because a RESERVED code provably never left (SENT is committed before any byte does).
 *
 * <p>Ahead refill (with a {@code reserver}): when the prefetch falls to a quarter of a block, the next block is
 * reserved on the reserver's thread while the line goes on issuing from what is left, and arrives through the
 * line's {@code loop}; a job's first block is reserved as the job opens. Without it every line stopped for its
 * whole reservation each block, and lines started together refill together: eight lanes at 30 labels/s stalled
 * 50–60 ms every 256 labels, all at once (docs/BENCHMARKS.md, "The 8-lane tail found"). The line still reserves
 * on its own thread when the prefetch is empty (a refill not back yet or failed, a first block that failed).
 * With a {@code spread}, the point is drawn per block between a quarter and a half of a block left: lanes that
 * start together and run at one rate otherwise stay in step, and their refills, one after the other on the shared
 * thread, still held up every lane's commits at the same moment every block (docs/BENCHMARKS.md, "Refills in
 * step").
 */
final class CodeDispenser {
    private static final Logger log = LoggerFactory.getLogger(CodeDispenser.class);

    private final CodeVault vault;
    private final int block;
    /** Told the size of each committed block (a note event for metrics); runs on the line's thread. */
    private final IntConsumer reservedBlock;
    /** Where ahead refills run (null: none, every block is reserved when the prefetch is empty). */
    private final Executor reserver;
    /** The line's thread, where a refill's codes join the prefetch. */
    private final Executor loop;
    /** Draws how far above a quarter of a block the next refill starts (null: always at a quarter). */
    private final RandomGenerator spread;
    /** Codes left in the prefetch at which the next block is asked for: drawn as each block is taken. */
    private int refillAt;
    private final ArrayDeque<CodeRecord> buffer = new ArrayDeque<>();
    private long applicationId;
    private String jobId;
    /** True from {@link #forJob} to {@link #release}: codes reserved for the job may still be issued. */
    private boolean jobOpen;
    /** Changes at every {@link #forJob} and {@link #release}: a refill started before belongs to what was. */
    private long generation;
    private boolean refilling;
    private boolean exhausted;
    /** {@link CodeVault#stockVersion} when the application was found empty: stock is asked again once it moved. */
    private long exhaustedAt;

    CodeDispenser(CodeVault vault, int block) {
        this(vault, block, n -> { });
    }

    CodeDispenser(CodeVault vault, int block, IntConsumer reservedBlock) {
        this(vault, block, reservedBlock, null, null);
    }

    /** With ahead refill: blocks are reserved on {@code reserver}, and join the prefetch on {@code loop}. */
    CodeDispenser(CodeVault vault, int block, IntConsumer reservedBlock, Executor reserver, Executor loop) {
        this(vault, block, reservedBlock, reserver, loop, null);
    }

    /** With ahead refill at a point drawn per block from {@code spread}. */
    CodeDispenser(CodeVault vault, int block, IntConsumer reservedBlock, Executor reserver, Executor loop,
                  RandomGenerator spread) {
        this.vault = vault;
        this.block = block;
        this.reservedBlock = reservedBlock;
        this.reserver = reserver;
        this.loop = loop;
        this.spread = spread;
    }

    void forJob(long applicationId, String jobId) {
        this.applicationId = applicationId;
        this.jobId = jobId;
        buffer.clear();
        exhausted = false;
        jobOpen = true;
        generation++;
        refilling = false;
        if (reserver != null) {
            firstBlock();
        }
    }

    /**
     * With ahead refill, the job's first block is reserved as the job opens (START waits for it, its triggers do
     * not): a PLC sends the first PRINT right after START's answer, before a refill on another thread is back.
     */
    private void firstBlock() {
        try {
            took(vault.reserveBlock(applicationId, jobId, block));
        } catch (RuntimeException e) {
            // the first trigger reserves again and meets the vault's fault where the line handles it
            log.debug("job {}: first block not reserved at start ({}); the first trigger reserves it", jobId,
                    e.toString());
        }
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
            took(vault.reserveBlock(applicationId, jobId, this.block));
        }
        CodeRecord code = buffer.pollFirst();
        if (code != null && buffer.size() <= refillAt) {
            refillAhead();
        }
        return code;
    }

    /** A block reserved for the open job: into the prefetch, or the mark that the application ran dry. */
    private void took(CodeVault.Reservation r) {
        exhausted = r.codes().isEmpty();
        exhaustedAt = r.stockVersion();
        buffer.addAll(r.codes());
        if (!r.codes().isEmpty()) {
            reservedBlock.accept(r.codes().size());
            refillAt = block / 4 + (spread == null ? 0 : spread.nextInt(block / 4 + 1));
        }
    }

    private void refillAhead() {
        if (reserver == null || refilling || exhausted) {
            return;
        }
        refilling = true;
        long startedIn = generation;
        long app = applicationId;
        String job = jobId;
        reserver.execute(() -> {
            CodeVault.Reservation r;
            try {
                r = vault.reserveBlock(app, job, block);
            } catch (RuntimeException e) {
                // the line reserves on its own thread once the prefetch is empty, and meets the fault there
                log.debug("job {}: ahead reservation failed ({}); the line reserves when it runs out", job,
                        e.toString());
                onLoop(() -> refillEnded(startedIn));
                return;
            }
            onLoop(() -> arrived(startedIn, job, r));
        });
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the line has stopped: a block it never took stays RESERVED to its job, released at job close or by
            // recovery at the next start
            log.debug("line stopped before an ahead reservation arrived: {}", e.toString());
        }
    }

    private void refillEnded(long startedIn) {
        if (startedIn == generation) {
            refilling = false;
        }
    }

    private void arrived(long startedIn, String job, CodeVault.Reservation r) {
        if (startedIn == generation) {
            refilling = false;
            took(r);
        } else if (!r.codes().isEmpty() && !(jobOpen && job.equals(jobId))) {
            // the job closed (its release ran) while this block was being reserved: its codes go back too
            reserver.execute(() -> releaseLate(job, r.codes().size()));
        }
        // the same job reopened (forJob again): the block stays RESERVED to it, released when it closes
    }

    /**
     * Only a job the vault has CLOSED: if the close failed (its transaction rolled back), the job is still open and
     * the line may be issuing another block of it, which a release of the job's RESERVED codes would take back;
     * its eventual close releases this block with the rest.
     */
    private void releaseLate(String job, int reserved) {
        try {
            if (vault.jobState(job) != JobState.CLOSED) {
                return;
            }
            int n = vault.release(job);
            log.info("job {}: {} codes reserved ahead just before the job closed were released", job, n);
        } catch (RuntimeException e) {
            log.warn("job {}: {} codes reserved ahead just before the job closed stay RESERVED until the next start ({})",
                    job, reserved, e.toString());
        }
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

    /** Hands the unused prefetch back to AVAILABLE (job close); a refill still under way is released when it ends. */
    int release() {
        int released = jobId == null ? 0 : vault.release(jobId);
        buffer.clear();
        jobOpen = false;
        generation++;
        refilling = false;
        return released;
    }
}
