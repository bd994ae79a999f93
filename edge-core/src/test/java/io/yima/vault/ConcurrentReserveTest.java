package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentReserveTest {
    @TempDir
    Path dir;

    @RepeatedTest(5)
    void concurrentReserversNeverGetTheSameCodeAndTogetherTakeTheWholeStock() throws Exception {
        int stock = 1000;
        try (CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(
                    NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, stock))))));
            int threads = 4;
            ConcurrentLinkedQueue<Long> taken = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String job = "J" + t;
                int block = 7 + t * 5;
                futures.add(pool.submit(() -> {
                    start.await();
                    while (true) {
                        List<CodeRecord> got = vault.reserve(APP, job, block);
                        if (got.isEmpty()) {
                            return null;
                        }
                        got.forEach(r -> taken.add(r.index()));
                        if (got.get(0).index() % 3 == 0) {
                            // some reservers send at once, the way a dispatcher would
                            vault.markSent(got.stream().map(r -> new Issue(APP, r.index(), job, "i" + r.index()))
                                    .toList());
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            Set<Long> distinct = new HashSet<>(taken);
            assertThat(taken).hasSize(stock);
            assertThat(distinct).hasSize(stock);
            assertThat(vault.stats().applications().get(0).states().get(CodeState.AVAILABLE)).isZero();
        }
    }
}
