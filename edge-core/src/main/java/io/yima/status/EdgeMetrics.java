package io.yima.status;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.yima.guard.RefusalCounters;
import io.yima.ops.BuildInfo;
import io.yima.status.StatusSnapshot.Link;
import io.yima.status.StatusSnapshot.LinkState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The edge's Prometheus metrics, in a registry of its own (so tests and several edges in one JVM never share
 * counters). The line calls the event methods as codes change state; vault stock, outbox backlog and device
 * links are read from the {@link StatusSource} at scrape time, so they can never drift from the status page.
 *
 * <p>Code state transitions map to counters: reserve → {@code yima_codes_reserved_total}, SENT →
 * {@code yima_labels_printed_total}, BOUND → {@code yima_codes_bound_total}, REJECTED →
 * {@code yima_rejects_total{reason}}, VOIDED → {@code yima_codes_voided_total}, ACTIVATED →
 * {@code yima_codes_activated_total}, activation FAILED → {@code yima_activation_failures_total}.
 */
public final class EdgeMetrics implements RefusalCounters {

    private static final double[] LATENCY_BUCKETS =
            {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter textFormat = PrometheusTextFormatWriter.create();
    private final AtomicReference<StatusSource> source = new AtomicReference<>();

    private final Counter reserved = counter("yima_codes_reserved_total",
            "Codes moved AVAILABLE -> RESERVED for a line", "line");
    private final Counter printed = counter("yima_labels_printed_total",
            "Labels whose bytes were flushed to the printer (RESERVED -> SENT)", "line");
    private final Counter bound = counter("yima_codes_bound_total",
            "Codes verified by the scanner and bound to the job (SENT -> BOUND)", "line");
    private final Counter rejects = counter("yima_rejects_total",
            "Items kicked out (REJECT results) by reason; PRINTER_FAULT and VOIDED items' codes are voided, not"
                    + " rejected (the job's account: yima_job_codes)",
            "line", "reason");
    private final Counter voided = counter("yima_codes_voided_total",
            "Codes voided after a crash, at job close or by a technician", "line");
    private final Counter stale = counter("yima_triggers_stale_total",
            "PLC triggers refused STALE: not issued within plc.trigger_deadline, never printed", "line");
    private final Counter activated = counter("yima_codes_activated_total",
            "Bound codes activated upstream (PENDING -> ACTIVATED)");
    private final Counter activationFailures = counter("yima_activation_failures_total",
            "Activation ranges that failed after their retries (PENDING -> FAILED)");
    private final Counter quotaWaits = counter("yima_upstream_quota_waits_total",
            "Times the upstream API asked the edge to wait (quota or rate limit)");
    private final Counter connectionsRefused = counter("yima_connections_refused_total",
            "Connections the edge closed on its PLC, Modbus, status and listening scanner ports, by port (plc:LINE, "
                    + "modbus:LINE, status, scanner:LINE) and reason: over_cap, not_allowed, in_use (a second PLC), "
                    + "no_hello, silent (no whole frame for three heartbeats), replaced, taken_over, not_modbus, "
                    + "link_error, slow_request", "port", "reason");
    private final Counter requestsRefused = counter("yima_requests_refused_total",
            "Frames and requests refused on the PLC, Modbus, OPC UA and status ports, by port and reason (the NAK "
                    + "word, the HTTP status, the Modbus or OPC UA refusal)", "port", "reason");
    private final Histogram triggerToPrint = latency("yima_trigger_to_print_seconds",
            "PLC print trigger received -> label bytes flushed to the printer");
    private final Histogram triggerToResult = latency("yima_trigger_to_result_seconds",
            "PLC print trigger received -> verdict (ok or reject) sent to the PLC");

    public EdgeMetrics() {
        GaugeWithCallback.builder().name("yima_vault_available_codes")
                .help("Codes still AVAILABLE per application").labelNames("application")
                .callback(cb -> snapshot().vault().forEach(v ->
                        cb.call(v.available(), Long.toString(v.applicationId()))))
                .register(registry);
        GaugeWithCallback.builder().name("yima_vault_codes")
                .help("Codes imported per application").labelNames("application")
                .callback(cb -> snapshot().vault().forEach(v ->
                        cb.call(v.total(), Long.toString(v.applicationId()))))
                .register(registry);
        GaugeWithCallback.builder().name("yima_outbox_codes")
                .help("Bound codes in the activation outbox by state: pending (not yet in a range), queued, "
                        + "activated, failed").labelNames("state")
                .callback(cb -> {
                    StatusSnapshot.Outbox o = snapshot().outbox();
                    if (o != null) {
                        cb.call(o.pending(), "pending");
                        cb.call(o.queued(), "queued");
                        cb.call(o.activated(), "activated");
                        cb.call(o.failed(), "failed");
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("yima_outbox_ranges")
                .help("Activation ranges (one codeactive call each) in the outbox by state").labelNames("state")
                .callback(cb -> {
                    StatusSnapshot.Outbox o = snapshot().outbox();
                    if (o != null) {
                        cb.call(o.queuedRanges(), "queued");
                        cb.call(o.activatedRanges(), "activated");
                        cb.call(o.failedRanges(), "failed");
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("yima_line_state")
                .help("1 for the state each line is in (RUNNING, PAUSED, IDLE, FAULT), 0 for the others")
                .labelNames("line", "state")
                .callback(cb -> snapshot().lines().forEach(line -> {
                    for (StatusSnapshot.LineState s : StatusSnapshot.LineState.values()) {
                        cb.call(s == line.state() ? 1 : 0, line.id(), s.name());
                    }
                }))
                .register(registry);
        jobAccountGauges();
        BuildInfo build = BuildInfo.current();
        GaugeWithCallback.builder().name("yima_build_info")
                .help("Always 1; the labels say which build of the edge is running").labelNames("version", "java")
                .callback(cb -> cb.call(1, build.version(), build.javaVersion()))
                .register(registry);
        GaugeWithCallback.builder().name("yima_device_up")
                .help("1 when the device link is ONLINE, 0 when OFFLINE or FAULT; device printer, scanner, plc, and on a"
                        + " packing line case_printer, case_reader").labelNames("line", "device")
                .callback(cb -> snapshot().lines().forEach(line -> {
                    up(cb, line.id(), "printer", line.printer());
                    up(cb, line.id(), "scanner", line.scanner());
                    up(cb, line.id(), "plc", line.plc());
                    up(cb, line.id(), "case_printer", line.casePrinter());
                    up(cb, line.id(), "case_reader", line.caseReader());
                }))
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    /**
     * The open job's account per line, read from the status page's snapshot at scrape time: the same account as
     * {@code job report} and the dashboard (the {@code *_total} counters above count events since the edge
     * started, across jobs; these are the job's figures and survive a restart).
     */
    private void jobAccountGauges() {
        GaugeWithCallback.builder().name("yima_job_labels_printed")
                .help("The open job's printed codes (label bytes left for the printer), as job report counts them")
                .labelNames("line")
                .callback(cb -> snapshot().lines().forEach(line -> {
                    if (line.job() != null) {
                        cb.call(line.job().printed(), line.id());
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("yima_job_codes")
                .help("The open job's printed codes by state: awaiting (no verdict yet), bound, rejected, voided;"
                        + " each code in one state")
                .labelNames("line", "state")
                .callback(cb -> snapshot().lines().forEach(line -> {
                    StatusSnapshot.Job j = line.job();
                    if (j != null) {
                        cb.call(j.awaiting(), line.id(), "awaiting");
                        cb.call(j.bound(), line.id(), "bound");
                        cb.call(j.rejected(), line.id(), "rejected");
                        cb.call(j.voided(), line.id(), "voided");
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("yima_job_rejected_codes")
                .help("The open job's REJECTED codes by reason (a label dropped at a printer fault is voided, not"
                        + " rejected)").labelNames("line", "reason")
                .callback(cb -> snapshot().lines().forEach(line -> {
                    if (line.job() != null) {
                        line.job().rejectedByReason().forEach((r, n) -> cb.call(n, line.id(), r));
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("yima_job_voided_codes")
                .help("The open job's VOIDED codes by reason: JOB_CLOSED, PRINTER_FAULT, SEND_FAILED, RENDER_FAILED,"
                        + " CRASH (start-up recovery)").labelNames("line", "reason")
                .callback(cb -> snapshot().lines().forEach(line -> {
                    if (line.job() != null) {
                        line.job().voidedByReason().forEach((r, n) -> cb.call(n, line.id(), r));
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("yima_job_stale_triggers")
                .help("The open job's PLC triggers refused STALE (no label, no code)").labelNames("line")
                .callback(cb -> snapshot().lines().forEach(line -> {
                    if (line.job() != null) {
                        cb.call(line.job().stale(), line.id());
                    }
                }))
                .register(registry);
    }

    /** Reads gauges from {@code statusSource} from now on; the status server calls this when it starts. */
    public void observe(StatusSource statusSource) {
        source.set(statusSource);
    }

    /**
     * Creates a line's series at 0 so a dashboard sees them before the first label (and a rate over a fresh
     * counter starts from a sample, not from nothing).
     */
    public void lineAdded(String line, java.util.Collection<String> rejectReasons) {
        reserved.labelValues(line);
        printed.labelValues(line);
        bound.labelValues(line);
        voided.labelValues(line);
        stale.labelValues(line);
        rejectReasons.forEach(r -> rejects.labelValues(line, r));
    }

    public void reserved(String line, long n) {
        reserved.labelValues(line).inc(n);
    }

    public void printed(String line) {
        printed.labelValues(line).inc();
    }

    public void bound(String line) {
        bound.labelValues(line).inc();
    }

    public void rejected(String line, String reason) {
        rejects.labelValues(line, reason).inc();
    }

    public void voided(String line, long n) {
        voided.labelValues(line).inc(n);
    }

    public void stale(String line) {
        stale.labelValues(line).inc();
    }

    public void activated(long codes) {
        activated.inc(codes);
    }

    public void activationFailed() {
        activationFailures.inc();
    }

    public void quotaWait() {
        quotaWaits.inc();
    }

    @Override
    public void connectionRefused(String port, String reason) {
        connectionsRefused.labelValues(port, reason).inc();
    }

    @Override
    public void requestRefused(String port, String reason) {
        requestsRefused.labelValues(port, reason).inc();
    }

    public void triggerToPrint(String line, Duration latency) {
        triggerToPrint.labelValues(line).observe(seconds(latency));
    }

    public void triggerToResult(String line, Duration latency) {
        triggerToResult.labelValues(line).observe(seconds(latency));
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public String contentType() {
        return textFormat.getContentType();
    }

    /** The whole registry in the Prometheus text exposition format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            textFormat.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private StatusSnapshot snapshot() {
        StatusSource s = source.get();
        return s == null ? EMPTY : s.snapshot();
    }

    private static final StatusSnapshot EMPTY =
            new StatusSnapshot("", 0, java.util.List.of(), java.util.List.of(), StatusSnapshot.Outbox.EMPTY, null);

    private static void up(GaugeWithCallback.Callback cb, String line, String device, Link link) {
        if (link != null) {
            cb.call(link.state() == LinkState.ONLINE ? 1 : 0, line, device);
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private Histogram latency(String name, String help) {
        return Histogram.builder().name(name).help(help).labelNames("line")
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
    }
}
