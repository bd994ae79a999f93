package io.yima.upstream;

import io.yima.sim.wechat.ActivatedRange;
import io.yima.sim.wechat.WechatEmulator;
import io.yima.vault.ActivationFields;
import io.yima.vault.Binding;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import io.yima.vault.JobState;
import io.yima.vault.Rejection;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A production line in miniature for outbox tests: a vault holding one emulated application, the emulator that
 * issued it, jobs, and the bookkeeping to compute the minimal ranges the outbox should have sent.
 */
final class OutboxLine implements AutoCloseable {
    static final int CODES = 10_000;
    private static Path template;
    private static long applicationId;

    final WechatEmulator emulator;
    final CodeVault vault;
    final EmulatedUpstream up;
    final ActivationOutbox outbox;
    final Map<String, ActivationFields> jobFields = new TreeMap<>();
    /** One past the highest index issued: every code from here on is still AVAILABLE. */
    long issuedEnd;

    private OutboxLine(Path dir, int maxRangeLength, int activationAttempts, Duration requestTimeout) throws Exception {
        Path state = dir.resolve("wechat.json");
        Path db = dir.resolve("vault.db");
        Files.copy(template.resolve("wechat.json"), state, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(template.resolve("vault.db"), db, StandardCopyOption.REPLACE_EXISTING);
        up = new EmulatedUpstream(WechatEmulator.Settings.forTests(EmulatedUpstream.KEY).withStateFile(state));
        up.config = up.config.withOutbox(maxRangeLength, 10_000, activationAttempts, Duration.ofHours(1))
                .withTiming(requestTimeout, 3, Duration.ofMillis(1), Duration.ofMillis(8));
        emulator = up.emulator;
        vault = CodeVault.open(db);
        outbox = new ActivationOutbox(vault, up.client(), up.config, Clock.systemUTC());
    }

    /** A line on a copy of the template vault (one application of 10,000 codes, imported once per JVM). */
    static OutboxLine open(Path dir, int maxRangeLength, int activationAttempts, Duration requestTimeout)
            throws Exception {
        synchronized (OutboxLine.class) {
            if (template == null) {
                template = buildTemplate();
            }
        }
        return new OutboxLine(dir, maxRangeLength, activationAttempts, requestTimeout);
    }

    static long applicationId() {
        return applicationId;
    }

    private static Path buildTemplate() throws Exception {
        Path dir = Files.createTempDirectory("yima-outbox-template");
        dir.toFile().deleteOnExit();
        WechatEmulator.Settings settings = WechatEmulator.Settings.forTests(EmulatedUpstream.KEY)
                .withStateFile(dir.resolve("wechat.json"));
        try (EmulatedUpstream up = new EmulatedUpstream(settings);
             CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            up.config = up.config.withTiming(Duration.ofSeconds(30), 3, Duration.ofMillis(1), Duration.ofMillis(8));
            MarketcodeClient client = up.client();
            applicationId = client.applyCode(CODES, "outbox-template");
            String buffer = client.downloadPackage(applicationId, new CodeRange(0, CODES - 1));
            new PackageImporter(vault).importStreams(applicationId,
                    EmulatedUpstream.KEY.getBytes(StandardCharsets.US_ASCII), List.of(NamedInput.ofBase64("template", buffer)));
        }
        for (String f : new String[] {"wechat.json", "vault.db"}) {
            dir.resolve(f).toFile().deleteOnExit();
        }
        return dir;
    }

    void openJob(String jobId, ActivationFields fields) {
        vault.openJob(new JobSpec(jobId, "line-1", applicationId, "SKU", "B1", CODES, "MICROCODE", "TRIGGERED", fields));
        jobFields.put(jobId, fields);
    }

    /** Reserves and sends {@code n} codes for the job, as the dispatcher would; returns their indexes. */
    List<Long> issue(String jobId, int n) {
        List<CodeRecord> reserved = vault.reserve(applicationId, jobId, n);
        List<Issue> issues = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        for (CodeRecord r : reserved) {
            issues.add(new Issue(applicationId, r.index(), jobId, "item-" + r.index()));
            indexes.add(r.index());
            issuedEnd = Math.max(issuedEnd, r.index() + 1);
        }
        vault.markSent(issues);
        return indexes;
    }

    void bind(long index, String jobId) {
        vault.bind(List.of(new Binding(applicationId, index, jobId, "item-" + index)));
    }

    void reject(long index) {
        vault.reject(List.of(new Rejection(applicationId, index, "NO_READ")));
    }

    void voidCode(long index) {
        vault.voidCodes(List.of(new CodeRef(applicationId, index)), "OPERATOR");
    }

    void closeJobs() {
        for (String job : jobFields.keySet()) {
            vault.setJobState(job, JobState.CLOSED);
        }
    }

    /** Runs outbox rounds until nothing is pending or queued (bounded, so a stuck outbox fails the test). */
    ActivationOutbox.Backlog drain() {
        ActivationOutbox.Backlog b = outbox.backlog();
        for (int round = 0; round < 500 && (b.pendingCodes() > 0 || b.queuedRanges() > 0); round++) {
            outbox.flushNow();
            b = outbox.backlog();
        }
        return b;
    }

    CodeRecord code(long index) {
        return vault.byIndex(applicationId, index).orElseThrow();
    }

    /** The fewest ranges that can activate the bound codes: per activation group, ceil(run / max) per maximal run. */
    long minimalRanges(int maxRangeLength) {
        long ranges = 0;
        long run = 0;
        ActivationFields runFields = null;
        for (long i = 0; i <= issuedEnd; i++) {
            ActivationFields f = null;
            if (i < issuedEnd) {
                CodeRecord c = code(i);
                if (c.state() == io.yima.vault.CodeState.BOUND) {
                    f = jobFields.get(c.jobId());
                }
            }
            if (f != null && f.equals(runFields)) {
                run++;
                continue;
            }
            ranges += (run + maxRangeLength - 1) / maxRangeLength;
            run = f == null ? 0 : 1;
            runFields = f;
        }
        return ranges;
    }

    List<ActivatedRange> activations() {
        return emulator.activations();
    }

    @Override
    public void close() throws IOException {
        outbox.stop();
        vault.close();
        up.close();
    }
}
