package io.yima.daemon;

import io.yima.common.ExportView;
import io.yima.line.DeviceState;
import io.yima.line.LineAnswer;
import io.yima.line.LineCalls;
import io.yima.line.LineRefusal;
import io.yima.line.LineSnapshot;
import io.yima.line.ProductionLine;
import io.yima.line.packing.CaseLinks;
import io.yima.ops.BuildInfo;
import io.yima.status.HealthReport;
import io.yima.status.LineControlException;
import io.yima.status.LineControls;
import io.yima.status.RefusalCode;
import io.yima.status.StatusHistory;
import io.yima.status.StatusSnapshot;
import io.yima.status.StatusSource;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.VaultStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The daemon as the status port sees it. Snapshots come from the lines' published snapshots plus a vault stock
 * figure refreshed in the background on the vault reader thread ({@link #refreshStock()}), so a dashboard poll
 * or a scrape never waits on SQLite or on a line's thread. The job report, health and the controls are called
 * on the status port's blocking pool; waits on a line's thread there have a deadline.
 */
final class EdgeStatus implements StatusSource, LineControls, StatusHistory {
    private static final Duration LINE_WAIT = Duration.ofSeconds(8);
    private final String version;
    private final Uptime uptime = Uptime.sinceNow();
    private final Map<String, ProductionLine> lines;
    private final Map<String, BooleanSupplier> plcConnected;
    private final CodeVault vault;
    private final BooleanSupplier vaultWritable;
    private final Supplier<StatusSnapshot.Outbox> outbox;
    private final Supplier<Instant> quotaWait;
    private final IntSupplier retryFailed;
    private volatile List<StatusSnapshot.VaultStock> stock = List.of();
    private final FaultClock clock;
    private final StatusHistoryView history;
    /** Lines whose PLC speaks Modbus: the link's problem (null = online) stands for the PLC link. */
    private final Map<String, Supplier<String>> plcProblems = new ConcurrentHashMap<>();
    /** Lines whose connected ASCII PLC has gone quiet: the silence (null = heard), shown before the link closes. */
    private final Map<String, Supplier<String>> plcSilence = new ConcurrentHashMap<>();
    /** Packing lines: their case printer's and case reader's links. */
    private final Map<String, CaseLinks> caseLinks = new ConcurrentHashMap<>();
    /** The MQTT export's view (in-memory figures), or null when export is off. */
    volatile Supplier<ExportView> export = () -> null;
    /** The OPC UA server's state, or null when OPC UA is off (set once the daemon tried to start it). */
    volatile StatusSnapshot.OpcUa opcua;
    /** Every adapter's health, in the daemon's start order. */
    volatile Supplier<List<StatusSnapshot.Adapter>> adapters = List::of;

    EdgeStatus(Map<String, ProductionLine> lines, Map<String, BooleanSupplier> plcConnected, CodeVault vault,
               BooleanSupplier vaultWritable, Supplier<StatusSnapshot.Outbox> outbox, Supplier<Instant> quotaWait,
               IntSupplier retryFailed, FaultClock clock) {
        this.clock = clock;
        this.history = new StatusHistoryView(vault, lines);
        this.plcConnected = plcConnected;
        this.version = BuildInfo.current().version();
        this.lines = lines;
        this.vault = vault;
        this.vaultWritable = vaultWritable;
        this.outbox = outbox;
        this.quotaWait = quotaWait;
        this.retryFailed = retryFailed;
    }

    void refreshStock() {
        VaultStats stats = vault.stats();
        stock = stats.applications().stream()
                .map(a -> StatusSnapshot.VaultStock.of(a.applicationId(), a.states().get(CodeState.AVAILABLE), a.total()))
                .toList();
    }

    @Override
    public StatusSnapshot snapshot() {
        List<StatusSnapshot.Line> views = lines.values().stream().map(l -> view(l.snapshot(), plc(l.lineId())))
                .toList();
        return new StatusSnapshot(version, uptime.seconds(), views, stock,
                outbox.get(), quotaWait.get(), export.get(), opcua, adapters.get());
    }

    /** The line's PLC link is its Modbus link (problem null = online), unless the ASCII port has a PLC. */
    void plcLinkOverride(String line, Supplier<String> problem) {
        plcProblems.put(line, problem);
    }

    /** The line packs cases: its case printer and case reader are shown, scraped and checked by /health. */
    void caseLinks(String line, CaseLinks links) {
        caseLinks.put(line, links);
    }

    /** The line's connected PLC is reported OFFLINE with {@code silence}'s text while that is not null. */
    void plcSilence(String line, Supplier<String> silence) {
        plcSilence.put(line, silence);
    }

    private StatusSnapshot.Link plc(String line) {
        BooleanSupplier connected = plcConnected.get(line);
        if (connected != null && connected.getAsBoolean()) {
            Supplier<String> quiet = plcSilence.get(line);
            String silent = quiet == null ? null : quiet.get();
            return silent == null ? StatusSnapshot.Link.online() : StatusSnapshot.Link.offline(silent);
        }
        Supplier<String> modbus = plcProblems.get(line);
        String problem = modbus == null ? "no PLC connected" : modbus.get();
        return problem == null ? StatusSnapshot.Link.online() : StatusSnapshot.Link.offline(problem);
    }

    private StatusSnapshot.Line view(LineSnapshot s, StatusSnapshot.Link plc) {
        StatusSnapshot.LineState state = switch (s.state()) {
            case RUNNING -> StatusSnapshot.LineState.RUNNING;
            case IDLE -> StatusSnapshot.LineState.IDLE;
            default -> s.printerFault() != null || s.scannerFault() != null || s.vaultFault() != null
                    ? StatusSnapshot.LineState.FAULT : StatusSnapshot.LineState.PAUSED;
        };
        StatusSnapshot.Job job = JobView.of(s);
        Map<String, Long> reasons = s.account().rejectedSorted();
        String id = s.lineId();
        return new StatusSnapshot.Line(id, s.mode().name(), state,
                timed(id, "printer", link(s.printerLink(), s.printerFault())),
                timed(id, "scanner", link(s.scannerLink(), s.scannerFault())),
                timed(id, "plc", plc),
                job, reasons, s.itemsPerMinute(),
                new StatusSnapshot.Latency(s.triggerToPrintP50Ms(), s.triggerToPrintP99Ms()),
                timed(id, "vault", s.vaultFault() == null ? StatusSnapshot.Link.online()
                        : StatusSnapshot.Link.fault(s.vaultFault())), clock.state(id),
                caseLink(id, CaseLinks.CaseDevice.CASE_PRINTER), caseLink(id, CaseLinks.CaseDevice.CASE_READER));
    }

    /** A case device's link with the time it left ONLINE, as its session reported it; null on a non-packing line. */
    private StatusSnapshot.Link caseLink(String line, CaseLinks.CaseDevice device) {
        CaseLinks links = caseLinks.get(line);
        if (links == null) {
            return null;
        }
        CaseLinks.Link l = links.of(device);
        return link(l.state(), l.reason()).since(l.since());
    }

    private StatusSnapshot.Link timed(String line, String device, StatusSnapshot.Link link) {
        return link.since(clock.device(line, device, link.state() == StatusSnapshot.LinkState.ONLINE));
    }

    private static StatusSnapshot.Link link(DeviceState state, String reason) {
        return switch (state) {
            case ONLINE -> StatusSnapshot.Link.online();
            case FAULT -> StatusSnapshot.Link.fault(reason);
            default -> StatusSnapshot.Link.offline(reason);
        };
    }

    @Override
    public Optional<Object> jobReport(String jobId) {
        return vault.job(jobId).map(j -> vault.jobReport(jobId));
    }

    /** Devices, the vault directory's write probe, and each line's own view of the vault (a faulted line). */
    @Override
    public HealthReport health() {
        StatusSnapshot snapshot = snapshot();
        HealthReport base = HealthReport.of(snapshot, vaultWritable.getAsBoolean());
        List<String> reasons = new ArrayList<>(base.reasons());
        for (ProductionLine l : lines.values()) {
            String fault = l.snapshot().vaultFault();
            if (fault != null) {
                reasons.add("line " + l.lineId() + " vault: FAULT (" + fault + ")");
            }
        }
        return new HealthReport(reasons.isEmpty(), reasons, HealthReport.degradedBy(snapshot), snapshot.adapters());
    }

    @Override
    public void pause(String line) {
        await(find(line).pause(true));
    }

    @Override
    public void resume(String line) {
        await(find(line).pause(false));
    }

    @Override
    public void closeJob(String jobId) {
        for (ProductionLine l : lines.values()) {
            if (jobId.equals(l.currentJobId())) {
                await(l.closeCurrentJob());
                return;
            }
        }
        if (vault.job(jobId).isEmpty()) {
            throw LineControlException.notFound(RefusalCode.NO_JOB, "no job " + jobId, jobId);
        }
        throw LineControlException.conflict(RefusalCode.JOB_NOT_OPEN, "job " + jobId + " is not open on any line",
                jobId);
    }

    @Override
    public int voidRange(long applicationId, long fromIndex, long toIndex) {
        if (toIndex < fromIndex) {
            throw LineControlException.conflict(RefusalCode.EMPTY_RANGE, "empty range " + fromIndex + ".." + toIndex,
                    fromIndex, toIndex);
        }
        return vault.voidAvailable(applicationId, fromIndex, toIndex, "TECHNICIAN");
    }

    @Override
    public Map<String, Long> rangeStates(long applicationId, long fromIndex, long toIndex) {
        Map<String, Long> out = new LinkedHashMap<>();
        vault.statesInRange(applicationId, fromIndex, toIndex).forEach((st, n) -> out.put(st.name(), n));
        return out;
    }

    @Override
    public int retryFailedActivations() {
        return retryFailed.getAsInt();
    }

    // ---- history, audit and the last label: on the status port's blocking pool ------------------------------

    @Override
    public List<JobSummary> recentJobs(int limit) {
        return history.recentJobs(limit);
    }

    @Override
    public boolean jobExists(String jobId) {
        return history.jobExists(jobId);
    }

    @Override
    public CodePage codes(String jobId, Object cursor, int limit) {
        return history.codes(jobId, cursor, limit);
    }

    @Override
    public List<FailedActivation> failedActivations(int limit) {
        return history.failedActivations(limit);
    }

    @Override
    public List<AuditEntry> auditTail(int limit) {
        return history.auditTail(limit);
    }

    @Override
    public void audit(String kind, Map<String, String> body) {
        history.audit(kind, body);
    }

    @Override
    public Optional<LabelPreview> lastLabel(String lineId) {
        return history.lastLabel(lineId);
    }

    /** A line's answer within {@link #LINE_WAIT}; a refusal (the vault, say) is a 409 with its reason. */
    private static <T> T await(CompletionStage<T> stage) {
        LineAnswer<T> answer = LineCalls.await(stage, LINE_WAIT); // on the status port's blocking pool
        if (answer instanceof LineAnswer.Done<T> done) {
            return done.value();
        }
        if (answer instanceof LineAnswer.Refused<T> refused) {
            LineRefusal r = refused.refusal();
            throw LineControlException.conflict(RefusalCode.LINE_REFUSED, r.getMessage(), r.reason().name());
        }
        if (answer instanceof LineAnswer.TimedOut<T>) {
            throw LineControlException.conflict(RefusalCode.LINE_TIMEOUT,
                    "the line did not answer within " + LINE_WAIT.toSeconds() + " s", LINE_WAIT.toSeconds());
        }
        Throwable cause = ((LineAnswer.Failed<T>) answer).cause();
        if (cause instanceof InterruptedException) {
            throw LineControlException.conflict(RefusalCode.INTERRUPTED, "interrupted");
        }
        throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }

    private ProductionLine find(String line) {
        ProductionLine l = lines.get(line);
        if (l == null) {
            throw LineControlException.notFound(RefusalCode.NO_LINE, "no line " + line, line);
        }
        return l;
    }
}
