package io.yima.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.yima.common.ExportView;
import io.yima.line.AdapterHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the status port shows, taken at one instant. The daemon builds it from in-memory counters
 * (it is asked for on every dashboard poll and every Prometheus scrape, so it must be cheap and must not
 * touch the disk). It holds no key, secret, token or device credential: what is not in here cannot leak.
 *
 * <p>Serialised by Jackson in snake_case; timestamps are ISO-8601 strings.
 *
 * @param edgeVersion     the running edge's version
 * @param uptimeSeconds   seconds since the daemon started
 * @param lines           one entry per configured line
 * @param vault           stock per code application
 * @param outbox          activation outbox counts (ranges)
 * @param quotaWaitUntil  while the upstream API has told us to wait (quota / rate limit), until when; else null
 * @param export          the MQTT export (broker link, backlog), or null when export is off
 * @param opcua           the OPC UA server's state, or null when OPC UA is off
 * @param adapters        every adapter's health (the PLC ports, the Modbus links, OPC UA, MQTT, the status port)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatusSnapshot(
        String edgeVersion,
        long uptimeSeconds,
        List<Line> lines,
        List<VaultStock> vault,
        Outbox outbox,
        @JsonSerialize(using = ToStringSerializer.class) Instant quotaWaitUntil,
        ExportView export,
        OpcUa opcua,
        List<Adapter> adapters) {

    public StatusSnapshot {
        lines = List.copyOf(lines);
        vault = List.copyOf(vault);
        adapters = adapters == null ? List.of() : List.copyOf(adapters);
    }

    /** Without the adapters' health. */
    public StatusSnapshot(String edgeVersion, long uptimeSeconds, List<Line> lines, List<VaultStock> vault,
                          Outbox outbox, Instant quotaWaitUntil, ExportView export, OpcUa opcua) {
        this(edgeVersion, uptimeSeconds, lines, vault, outbox, quotaWaitUntil, export, opcua, List.of());
    }

    /** Without an export view (export off). */
    public StatusSnapshot(String edgeVersion, long uptimeSeconds, List<Line> lines, List<VaultStock> vault,
                          Outbox outbox, Instant quotaWaitUntil) {
        this(edgeVersion, uptimeSeconds, lines, vault, outbox, quotaWaitUntil, null, null, List.of());
    }

    /** Without an OPC UA view (OPC UA off). */
    public StatusSnapshot(String edgeVersion, long uptimeSeconds, List<Line> lines, List<VaultStock> vault,
                          Outbox outbox, Instant quotaWaitUntil, ExportView export) {
        this(edgeVersion, uptimeSeconds, lines, vault, outbox, quotaWaitUntil, export, null, List.of());
    }

    /**
     * The OPC UA server: {@code state} ONLINE (serving on {@code endpoint}) or FAULT with the {@code reason} it
     * could not start (the edge keeps producing without it).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OpcUa(LinkState state, String endpoint, String reason,
                        @JsonSerialize(using = ToStringSerializer.class) Instant since) {
        public static OpcUa serving(String endpoint) {
            return new OpcUa(LinkState.ONLINE, endpoint, null, null);
        }

        public static OpcUa failed(String reason, Instant since) {
            return new OpcUa(LinkState.FAULT, null, reason, since);
        }
    }

    /**
     * An adapter's health (docs/operations.md, "/health"): {@code name} {@code plc:L1}, {@code modbus:L1},
     * {@code opcua}, {@code mqtt} or {@code status}; {@code state} ONLINE, OFFLINE or CONFIG_ERROR; {@code reason}
     * why not ONLINE (null when it is).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Adapter(String name, AdapterHealth.State state, String reason) {
        public static Adapter of(String name, AdapterHealth health) {
            return new Adapter(name, health.state(), health.reason());
        }
    }

    /** A copy whose vault entries carry their low-stock level and since when ({@link LowStock}). */
    public StatusSnapshot withStock(List<VaultStock> leveled) {
        return new StatusSnapshot(edgeVersion, uptimeSeconds, lines, leveled, outbox, quotaWaitUntil, export, opcua,
                adapters);
    }

    /** A copy whose vault entries carry the low-stock flag against {@code threshold} available codes. */
    public StatusSnapshot flagLowStock(long threshold) {
        return new StatusSnapshot(edgeVersion, uptimeSeconds, lines,
                vault.stream().map(v -> v.flagged(threshold)).toList(), outbox, quotaWaitUntil, export, opcua, adapters);
    }

    /** What a line is doing. */
    public enum LineState { RUNNING, PAUSED, IDLE, FAULT }

    /** Whether a device link works. */
    public enum LinkState { ONLINE, OFFLINE, FAULT }

    /**
     * One production line.
     *
     * @param mode            the line's configured mode (e.g. {@code print-verify}, {@code print-only})
     * @param printer         null when the line has no printer configured (likewise scanner, plc)
     * @param job             the open job, or null
     * @param rejectsByReason the open job's (or, when idle, the last job's) REJECTED codes per reason, e.g. NO_READ;
     *                        the same as {@code job.rejected_by_reason} (kept for the dashboard)
     * @param ratePerMinute   items printed per minute over the recent window
     * @param triggerToPrint  PLC trigger → label bytes flushed latency over the recent window
     * @param vault           the line's view of the vault: FAULT with SQLite's reason while its writes fail
     * @param stateSince      when the line entered {@code state} (as far as this daemon saw), or null
     * @param casePrinter     a packing line's case printer; null (and left out of the JSON) on a line that packs
     *                        no cases (likewise caseReader: the case scanner or the camera above the case)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Line(
            String id,
            String mode,
            LineState state,
            Link printer,
            Link scanner,
            Link plc,
            Job job,
            Map<String, Long> rejectsByReason,
            double ratePerMinute,
            Latency triggerToPrint,
            Link vault,
            @JsonSerialize(using = ToStringSerializer.class) Instant stateSince,
            @JsonInclude(JsonInclude.Include.NON_NULL) Link casePrinter,
            @JsonInclude(JsonInclude.Include.NON_NULL) Link caseReader) {

        public Line {
            rejectsByReason = Map.copyOf(rejectsByReason);
        }

        /** A line that packs no cases. */
        public Line(String id, String mode, LineState state, Link printer, Link scanner, Link plc, Job job,
                    Map<String, Long> rejectsByReason, double ratePerMinute, Latency triggerToPrint, Link vault,
                    Instant stateSince) {
            this(id, mode, state, printer, scanner, plc, job, rejectsByReason, ratePerMinute, triggerToPrint, vault,
                    stateSince, null, null);
        }

        /** A line whose vault view and state start are not known. */
        public Line(String id, String mode, LineState state, Link printer, Link scanner, Link plc, Job job,
                    Map<String, Long> rejectsByReason, double ratePerMinute, Latency triggerToPrint) {
            this(id, mode, state, printer, scanner, plc, job, rejectsByReason, ratePerMinute, triggerToPrint, null, null,
                    null, null);
        }
    }

    /**
     * A device link. {@code reason} says why it is OFFLINE ("connection refused") or, for FAULT, the
     * device's own status text ("head open", "paper out"); it is null when ONLINE. {@code since} is when the
     * device left ONLINE (null when ONLINE or not known).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Link(LinkState state, String reason,
                       @JsonSerialize(using = ToStringSerializer.class) Instant since) {

        public Link(LinkState state, String reason) {
            this(state, reason, null);
        }

        /** This link, not ONLINE since {@code when}. */
        public Link since(Instant when) {
            return state == LinkState.ONLINE ? this : new Link(state, reason, when);
        }

        public static Link online() {
            return new Link(LinkState.ONLINE, null);
        }

        public static Link offline(String reason) {
            return new Link(LinkState.OFFLINE, reason);
        }

        public static Link fault(String deviceStatus) {
            return new Link(LinkState.FAULT, deviceStatus);
        }
    }

    /**
     * The open job's progress; {@code quantity} is the ordered count, the rest are the job's account, the same
     * account as {@code job report}: {@code printed} codes whose labels left, of which {@code awaiting} have no
     * verdict yet and the others are {@code bound}, {@code rejected} or {@code voided} (each code in one of
     * them; a label dropped at a printer fault is voided, never also rejected). {@code rejectedByReason} and
     * {@code voidedByReason} split them by the vault's reason. {@code stale}: PLC triggers refused STALE (not
     * issued within the trigger deadline; no label printed for them); {@code rejectedWithoutCode}: PREPRINT packing
     * scans rejected with no code of the job. Neither is a code.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Job(String id, String sku, String batch, long quantity,
                      long printed, long bound, long rejected, long voided, long stale, long awaiting,
                      Map<String, Long> rejectedByReason, Map<String, Long> voidedByReason,
                      long rejectedWithoutCode) {
        public Job {
            rejectedByReason = rejectedByReason == null ? Map.of() : new java.util.TreeMap<>(rejectedByReason);
            voidedByReason = voidedByReason == null ? Map.of() : new java.util.TreeMap<>(voidedByReason);
        }

        public Job(String id, String sku, String batch, long quantity, long printed, long bound, long rejected,
                   long voided, long stale) {
            this(id, sku, batch, quantity, printed, bound, rejected, voided, stale, 0, Map.of(), Map.of(), 0);
        }

        public Job(String id, String sku, String batch, long quantity, long printed, long bound, long rejected,
                   long voided) {
            this(id, sku, batch, quantity, printed, bound, rejected, voided, 0);
        }
    }

    /** Latency percentiles in milliseconds; zero when nothing was measured yet. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Latency(double p50Ms, double p99Ms) {
        public static final Latency NONE = new Latency(0, 0);
    }

    /**
     * Codes of one application: still AVAILABLE, and imported in total. {@code lowStock} below
     * {@code status.low_stock_warning}; {@code level} "ok", "amber" (below the warning) or "red" (below
     * {@code status.low_stock_critical}); {@code lowSince} when it went below the warning (as this daemon saw).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record VaultStock(long applicationId, long available, long total, boolean lowStock, String level,
                             @JsonSerialize(using = ToStringSerializer.class) Instant lowSince) {
        public VaultStock(long applicationId, long available, long total, boolean lowStock) {
            this(applicationId, available, total, lowStock, lowStock ? "amber" : "ok", null);
        }

        public static VaultStock of(long applicationId, long available, long total) {
            return new VaultStock(applicationId, available, total, false);
        }

        VaultStock flagged(long threshold) {
            return new VaultStock(applicationId, available, total, available < threshold);
        }

        VaultStock leveled(String level, Instant since) {
            return new VaultStock(applicationId, available, total, !level.equals("ok"), level, since);
        }
    }

    /** Activation ranges by outbox state; {@code failed} ranges wait for a technician's retry. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** Codes by outbox state, and the activation ranges (one {@code codeactive} call each) they are grouped in. */
    public record Outbox(long pending, long queued, long activated, long failed, long queuedRanges,
                         long activatedRanges, long failedRanges) {
        public static final Outbox EMPTY = new Outbox(0, 0, 0, 0, 0, 0, 0);
    }
}
