package io.yima.line.packing;

import io.yima.line.LineRefusal;
import io.yima.line.LineRework;
import io.yima.line.Refusal;
import io.yima.line.ReworkRefused;
import io.yima.vault.CodeVault;
import io.yima.vault.JobSpec;
import io.yima.vault.PackRefusal;
import io.yima.vault.PackUnit;
import io.yima.vault.PackingRefusedException;
import io.yima.vault.VaultException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A packing line's rework for its adapters, over the vault's {@link io.yima.vault.Packing}: unpack, replace and
 * void run on a rework thread of their own (never on a Netty event loop, never on the line's thread, which keeps
 * printing), a few at a time (a full queue is refused BUSY), each answered within {@link #DEADLINE} or refused
 * VAULT. Only cases and pallets of this line's jobs may be reworked here (else {@code OTHER_LINE}); the CLI and the
 * status port reach every line's. Re-pallet is the line's own work (its pallet printer, numbering and events): it
 * goes to the line's {@link CasePacking}, after an audit row naming who asked.
 */
public final class VaultLineRework implements LineRework {
    private static final Logger log = LoggerFactory.getLogger(VaultLineRework.class);
    /** How long an adapter waits for a rework: a transaction takes milliseconds, a locked vault its busy timeout. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int QUEUE = 16;

    private final CodeVault vault;
    private final String lineId;
    private final Supplier<String> openJob;
    private final BiFunction<Integer, String, CompletionStage<Integer>> repallet;
    private final ThreadPoolExecutor worker;

    /**
     * @param openJob  the line's open job id, or null (any thread, without waiting: {@code line::currentJobId})
     * @param repallet the line's re-pallet (cases wanted, who asked), or null when the line builds no pallets
     */
    public VaultLineRework(CodeVault vault, String lineId, Supplier<String> openJob,
                           BiFunction<Integer, String, CompletionStage<Integer>> repallet) {
        this.vault = vault;
        this.lineId = lineId;
        this.openJob = openJob;
        this.repallet = repallet;
        this.worker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "rework-" + lineId);
            t.setDaemon(true);
            return t;
        });
        worker.allowCoreThreadTimeOut(true); // no thread kept while nobody reworks
    }

    @Override
    public CompletionStage<PackUnit> unpack(String code, String by, String reason) {
        return run(() -> {
            ofThisLine(code);
            return vault.packing().unpack(code, by, reason);
        });
    }

    @Override
    public CompletionStage<PackUnit> replace(String code, String oldChild, String newChild, String by) {
        return run(() -> {
            ofThisLine(code);
            return vault.packing().replace(code, oldChild, newChild, by);
        });
    }

    @Override
    public CompletionStage<PackUnit> voidCase(String code, String by, String reason) {
        return run(() -> {
            ofThisLine(code);
            return vault.packing().voidCase(code, by, reason);
        });
    }

    @Override
    public CompletionStage<Integer> repallet(int cases, String by) {
        if (repallet == null) {
            return CompletableFuture.failedFuture(new LineRefusal(Refusal.WRONG_MODE,
                    "this line builds no pallets (its packing section has no per_pallet)"));
        }
        String jobId = openJob.get();
        if (jobId == null) {
            return CompletableFuture.failedFuture(new LineRefusal(Refusal.NO_JOB, null));
        }
        // the request is in the audit log with who asked before the line takes it up; the pallet's own PACK row
        // (or its PALLET_REJECTED) follows
        return run(() -> {
            auditRepallet(jobId, cases, by);
            return null;
        }).thenCompose(none -> repallet.apply(cases, by));
    }

    /** The code names no case or pallet of another line's job (an unknown code is the vault's UNKNOWN_UNIT). */
    private void ofThisLine(String code) {
        Optional<PackUnit> unit = vault.packing().unit(code);
        if (unit.isEmpty()) {
            return;
        }
        String line = vault.job(unit.get().jobId()).map(JobSpec::line).orElse(null);
        if (line != null && !line.equals(lineId)) {
            throw new PackingRefusedException(PackRefusal.OTHER_LINE, "case " + unit.get().code() + " is of job "
                    + unit.get().jobId() + " on line " + line + "; rework it there");
        }
    }

    private <T> CompletionStage<T> run(Supplier<T> work) {
        CompletableFuture<T> done;
        try {
            done = CompletableFuture.supplyAsync(work, worker);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new LineRefusal(Refusal.BUSY, QUEUE + " reworks wait already"));
        }
        return done.orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof PackingRefusedException r) {
                throw new ReworkRefused(r.reason(), r.getMessage());
            }
            if (cause instanceof TimeoutException) {
                throw new LineRefusal(Refusal.VAULT, "the vault did not answer within " + DEADLINE.toSeconds()
                        + " s; the change may still be committed: look the code up before repeating");
            }
            if (cause instanceof VaultException) {
                log.warn("line {}: rework failed: {}", lineId, cause.getMessage());
                throw new LineRefusal(Refusal.VAULT, cause.getMessage());
            }
            if (cause instanceof IllegalArgumentException) {
                throw new LineRefusal(Refusal.BAD_FIELD, cause.getMessage());
            }
            log.error("line {}: rework failed", lineId, cause);
            throw new LineRefusal(Refusal.INTERNAL, null);
        });
    }

    /** The audit row of a re-pallet request: who asked, on which job, for how many cases (0: all). */
    private void auditRepallet(String jobId, int cases, String by) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job", jobId);
        body.put("line", lineId);
        body.put("cases", cases);
        body.put("by", by);
        vault.inTransaction(c -> {
            vault.appendEvent(c, "REPALLET", body);
            return null;
        });
    }
}
