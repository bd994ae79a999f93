package io.yima.vault;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is running an import, so an import whose process is gone can be told from one still running. A batch records
 * its process id and the process's start time (a pid alone may have been reused by an unrelated process). Inside
 * this process, a batch is running only while its import is (the import may have failed and left its rows).
 */
record ImportOwner(long pid, long start) {
    static final ImportOwner SELF = of(ProcessHandle.current());
    private static final Set<Long> RUNNING_HERE = ConcurrentHashMap.newKeySet();

    private static ImportOwner of(ProcessHandle p) {
        return new ImportOwner(p.pid(), p.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    static void running(long batch) {
        RUNNING_HERE.add(batch);
    }

    static void ended(long batch) {
        RUNNING_HERE.remove(batch);
    }

    /** True when the batch's importer may still be working on it. */
    static boolean alive(long batch, long pid, long start) {
        if (pid == SELF.pid) {
            return start == SELF.start && RUNNING_HERE.contains(batch);
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ImportOwner::of)
                .map(o -> o.start == start).orElse(false);
    }
}
