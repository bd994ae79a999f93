package io.yima.vault;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The vault's one writer with group commit: the transactions of every line (SENT before the label's bytes,
 * BIND/REJECT after the reads, the line's journal rows with them) that queue while a commit is in progress go
 * into the next transaction together and share its one fsync. Each caller returns only when its own part is
 * committed, so "committed before the bytes leave" holds per caller exactly as with one transaction each.
 *
 * <p>How: a caller queues its part; when the writer is free, the caller that takes it is the leader and runs every
 * queued part in arrival order, each under its own {@code SAVEPOINT}, then commits once and wakes their callers
 * (who return without touching the writer) and the next part's caller. A part whose work throws is rolled back
 * to its savepoint and its caller gets the same exception it would have got alone; the other parts commit. When
 * the transaction itself is lost (a failing {@code COMMIT}, or SQLite abandoning the transaction on a full disk
 * or an I/O error, seen as a savepoint that is no longer there), every part of the batch fails with the vault
 * error, nothing of it is kept, and no caller is told success.
 *
 * <p>The wait is bounded: a caller that cannot get the writer within {@link #WAIT_MILLIS} (another part of the
 * edge holding it, a stuck disk) withdraws its part, which then never runs, and gets a {@link VaultException}
 * (the line's vault fault) instead of waiting silently. A part already taken by a leader is waited for: it is
 * being committed, and its outcome decides what the caller may do next.
 */
final class VaultWriter {
    /** How long a caller waits for the writer before its transaction fails as a vault fault. */
    static final long WAIT_MILLIS = 10_000;
    /**
     * Extra time a leader waits for more parts before it begins (microseconds; 0 = none: the batch is what queued
     * during the previous commit). For benchmarks: {@code -Dyima.vault.gather_micros=N}.
     */
    static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(Long.getLong("yima.vault.gather_micros", 0));
    /** The longest a waiting caller sleeps before it looks again (it is normally woken at once). */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Parts in one transaction at most, so one commit's work stays short. */
    static final int MAX_PARTS = 64;

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ConcurrentLinkedQueue<Part<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong parts = new AtomicLong();
    /** {@link #WAIT_MILLIS}, shorter in tests of the bound. */
    private volatile long waitMillis = WAIT_MILLIS;
    /**
     * Callers of {@link #lock()} waiting (the line's {@code dataVersion} before each reservation, a bulk import):
     * they queue fairly on the lock, and the group's callers take the lock only when none waits.
     */
    private final AtomicInteger exclusiveWaiting = new AtomicInteger();
    /** Nesting depth of the transaction the lock holder is in (0: none); guarded by {@link #lock}. */
    private int depth;

    VaultWriter(Connection connection) {
        this.connection = connection;
    }

    /** Commits so far and the transactions (parts) they carried: parts ÷ commits is the group size. */
    record Counts(long commits, long parts) {
    }

    Counts counts() {
        return new Counts(commits.get(), parts.get());
    }

    void waitMillis(long millis) {
        this.waitMillis = millis;
    }

    /** Parts queued and not yet taken by a leader (tests wait for their callers to have queued). */
    int queued() {
        return queue.size();
    }

    /** Callers waiting in {@link #lock()} (tests wait for one to be there). */
    int exclusiveWaiting() {
        return exclusiveWaiting.get();
    }

    /** True when a caller waits for the writer (queued, or for the lock). */
    boolean waiting() {
        return !queue.isEmpty() || lock.hasQueuedThreads();
    }

    /**
     * Holds the writer for work outside the group commit (bulk import, pragmas, close); bounded like a
     * transaction.
     */
    void lock() {
        exclusiveWaiting.incrementAndGet(); // queued parts hold back meanwhile, or their leaders would starve it
        try {
            if (!lock.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
                throw stuck(waitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultException("vault write interrupted while waiting for the writer", e);
        } finally {
            exclusiveWaiting.decrementAndGet();
        }
    }

    void unlock() {
        lock.unlock();
        if (!lock.isHeldByCurrentThread()) {
            wakeNextLeader();
        }
    }

    /** See {@link CodeVault#inTransaction}. */
    <T> T inTransaction(SqlWork<T> work) {
        if (lock.isHeldByCurrentThread()) {
            return depth > 0 ? joined(work) : alone(work);
        }
        Part<T> part = new Part<>(work, Thread.currentThread());
        queue.add(part);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (!part.isDone()) {
            // Not a queue on the lock: a waiting caller is woken when its part is done (it then returns without
            // taking the lock) or when the writer is free and its part is first in line (it then leads). A fair
            // lock would hand the writer to every waiter in turn, each only to see its part done, and on a loaded
            // machine each hand-over waits for a CPU.
            if (exclusiveWaiting.get() == 0 && lock.tryLock()) {
                try {
                    while (!part.isDone()) { // more than MAX_PARTS queued ahead of it: lead again
                        lead();
                    }
                } finally {
                    lock.unlock();
                    wakeNextLeader();
                }
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (part.withdraw()) {
                    throw stuck(waitMillis);
                }
                return part.awaitOutcome(); // a leader took it: it is being committed right now
            }
            // bounded, so a wake-up that raced with the park costs at most a few milliseconds
            LockSupport.parkNanos(this, Math.min(left, PARK_NANOS));
            if (Thread.interrupted()) {
                if (part.withdraw()) {
                    Thread.currentThread().interrupt();
                    throw new VaultException("vault write interrupted while waiting for the writer; nothing of it was"
                            + " kept");
                }
                Thread.currentThread().interrupt();
                return part.awaitOutcome();
            }
        }
        return part.outcome();
    }

    /** The caller whose part is first in line leads next (unless another caller takes the writer first). */
    private void wakeNextLeader() {
        Part<?> next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.owner);
        }
    }

    private static VaultException stuck(long waitMillis) {
        return new VaultException("vault write failed: the vault writer has been busy for more than "
                + (waitMillis >= 1000 ? waitMillis / 1000 + " s" : waitMillis + " ms") + " (a long vault operation or a stuck disk); nothing of this write was kept");
    }

    /** A nested call: part of the transaction already open on this thread. */
    private <T> T joined(SqlWork<T> work) {
        depth++;
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw CodeVault.writeFailed(e);
        } finally {
            depth--;
        }
    }

    /** A transaction of its own for a thread that already holds the writer (the bulk import). */
    private <T> T alone(SqlWork<T> work) {
        try {
            exec("BEGIN IMMEDIATE");
            depth = 1;
            try {
                T result = work.run(connection);
                exec("COMMIT");
                commits.incrementAndGet();
                parts.incrementAndGet();
                return result;
            } catch (Throwable t) {
                rollbackQuietly("ROLLBACK");
                throw t;
            } finally {
                depth = 0;
            }
        } catch (SQLException e) {
            throw CodeVault.writeFailed(e);
        }
    }

    /** Runs the queued parts in one transaction and completes each of them. Holds the lock. */
    private void lead() {
        if (GATHER_NANOS > 0) {
            LockSupport.parkNanos(GATHER_NANOS); // let the other lines' parts arrive
        }
        List<Part<?>> batch = new ArrayList<>();
        for (Part<?> p; batch.size() < MAX_PARTS && (p = queue.poll()) != null; ) {
            if (p.take()) {
                batch.add(p);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        boolean savepoints = batch.size() > 1;
        Throwable lost = null; // the transaction itself failed: every part fails with it
        try {
            exec("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            batch.forEach(p -> p.fail(e));
            return;
        }
        depth = 1;
        try {
            for (Part<?> p : batch) {
                if (lost != null) {
                    break;
                }
                try {
                    if (savepoints) {
                        exec("SAVEPOINT part");
                    }
                    p.ran(p.work.run(connection));
                    if (savepoints) {
                        exec("RELEASE part");
                    }
                } catch (Throwable t) {
                    p.failed(t);
                    if (!savepoints) {
                        lost = t; // alone in the transaction: roll all of it back, as before group commit
                    } else {
                        try {
                            exec("ROLLBACK TO part");
                            exec("RELEASE part");
                        } catch (SQLException gone) {
                            lost = t; // SQLite already abandoned the whole transaction
                        }
                    }
                }
            }
        } finally {
            depth = 0;
        }
        if (lost == null && batch.stream().anyMatch(Part::succeeded)) {
            try {
                exec("COMMIT");
                commits.incrementAndGet();
                parts.addAndGet(batch.stream().filter(Part::succeeded).count());
            } catch (SQLException e) {
                lost = e;
            }
        } else if (lost == null) {
            rollbackQuietly("ROLLBACK"); // every part failed: nothing to keep
        }
        if (lost != null) {
            rollbackQuietly("ROLLBACK");
            for (Part<?> p : batch) {
                p.lostWith(lost);
            }
        }
        batch.forEach(Part::complete);
    }

    private void rollbackQuietly(String sql) {
        try {
            exec(sql);
        } catch (SQLException ignored) {
            // no transaction left to roll back; the failure that brought us here is the one reported
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** One caller's transaction: queued, taken by a leader (or withdrawn), then done with a result or a failure. */
    private static final class Part<T> {
        private static final int QUEUED = 0;
        private static final int TAKEN = 1;
        private static final int WITHDRAWN = 2;

        final SqlWork<T> work;
        final Thread owner;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private final CountDownLatch done = new CountDownLatch(1);
        private T result;
        private Throwable failure;
        private boolean ran;

        Part(SqlWork<T> work, Thread owner) {
            this.work = work;
            this.owner = owner;
        }

        boolean take() {
            return state.compareAndSet(QUEUED, TAKEN);
        }

        boolean withdraw() {
            return state.compareAndSet(QUEUED, WITHDRAWN);
        }

        boolean isDone() {
            return done.getCount() == 0;
        }

        @SuppressWarnings("unchecked")
        void ran(Object r) {
            result = (T) r;
            ran = true;
        }

        void failed(Throwable t) {
            failure = t;
        }

        boolean succeeded() {
            return ran && failure == null;
        }

        /** The shared transaction is gone: a part that had succeeded is not kept either. */
        void lostWith(Throwable t) {
            if (failure == null) {
                failure = t instanceof SQLException e ? e
                        : new VaultException("vault write failed: the transaction it shared with other lines' writes"
                        + " failed (" + t.getMessage() + "); nothing of it was kept", t);
                result = null;
            }
        }

        void fail(SQLException e) {
            failure = e;
            complete();
        }

        void complete() {
            done.countDown();
            LockSupport.unpark(owner);
        }

        T awaitOutcome() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return outcome();
        }

        /** The result, or the failure as the caller would have got it from a transaction of its own. */
        T outcome() {
            Throwable t = failure;
            if (t == null) {
                return result;
            }
            if (t instanceof SQLException e) {
                throw CodeVault.writeFailed(e);
            }
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new VaultException("vault write failed: " + t.getMessage(), t);
        }
    }
}
