package io.yima.daemon;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.yima.config.LineConfig;
import io.yima.edge.EdgeConfig;
import io.yima.export.ExportConfig;
import io.yima.export.MqttAdapter;
import io.yima.export.MqttExport;
import io.yima.line.AdapterHealth;
import io.yima.line.LineAdapter;
import io.yima.line.LineObserver;
import io.yima.opcua.OpcUaAdapter;
import io.yima.opcua.OpcUaConfig;
import io.yima.line.ProductionLine;
import io.yima.line.RecoveredResults;
import io.yima.modbus.ModbusAdapter;
import io.yima.line.packing.CaseDevices;
import io.yima.line.packing.VaultCaseBinder;
import io.yima.line.packing.VaultLineRework;
import io.yima.plc.PlcAdapter;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.yima.ops.DirectoryWriteProbe;
import io.yima.ops.ServiceNotifier;
import io.yima.ops.Watchdog;
import io.yima.status.EdgeMetrics;
import io.yima.status.StatusAdapter;
import io.yima.status.StatusSnapshot;
import io.yima.upstream.ActivationOutbox;
import io.yima.upstream.MarketcodeClient;
import io.yima.upstream.UpstreamClients;
import io.yima.upstream.UpstreamConfig;
import io.yima.upstream.UpstreamEvents;
import io.yima.upstream.VaultUpstreamEvents;
import io.yima.vault.CodeVault;
import java.time.Clock;
import io.yima.vault.RecoveryReport;
import io.yima.vault.VaultLock;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running edge: the vault (recovered first), one {@link ProductionLine} per configured line with its
 * printer, scanner and PLC port. Start order puts recovery before any device connects; close order stops
 * the PLC ports first so no trigger arrives while the lines wind down.
 */
public final class EdgeDaemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EdgeDaemon.class);

    private final EdgeConfig config;
    private final VaultLock vaultLock;
    private final CodeVault vault;
    private final EventLoopGroup io;
    /**
     * The daemon's background vault reads (stock, outbox backlog): never on {@link #io}, whose threads serve the
     * PLC ports, the devices and the status port and must not wait on SQLite.
     */
    private final DefaultEventLoop vaultReader = new DefaultEventLoop(new DefaultThreadFactory("vault-reader", true));
    /** The systemd watchdog's own thread: its disk probe must neither stall I/O nor wait behind a slow read. */
    private final DefaultEventLoop watchdogLoop = new DefaultEventLoop(new DefaultThreadFactory("watchdog", true));
    private final Map<String, ProductionLine> lines = new LinkedHashMap<>();
    private final Map<String, LineDevices> devices = new LinkedHashMap<>();
    /** Lines with a packing section: their case printer and case reader (issue 22). */
    private final Map<String, CaseDevices> caseDevices = new LinkedHashMap<>();
    private final Map<String, PlcAdapter> plcPorts = new LinkedHashMap<>();
    private final Map<String, ModbusAdapter> modbusLinks = new LinkedHashMap<>();
    /** Every adapter in start order (docs/architecture.md, "The adapter contract"): their health for /health. */
    private final List<LineAdapter> adapters = new CopyOnWriteArrayList<>();
    /** What close() stops, pushed as it starts (the adapters among it): closed last-started first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final RecoveryReport recovery;
    private final EdgeMetrics metrics = new EdgeMetrics();
    /** Since when each line and device is in its state, for the dashboard. */
    private final FaultClock faultClock = new FaultClock(Clock.systemUTC());
    private final ServiceNotifier notifier = ServiceNotifier.fromEnvironment(System.getenv());
    private EdgeStatus status;
    private StatusAdapter statusPort;
    private OpcUaAdapter opcua;
    private Watchdog watchdog;
    private ScheduledFuture<?> stockRefresh;
    private MarketcodeClient upstream;
    private ActivationOutbox outbox;
    private MqttAdapter export;
    private volatile StatusSnapshot.Outbox outboxView = StatusSnapshot.Outbox.EMPTY;
    private volatile boolean closed;
    /** How often the daemon checks that its vault file and WAL are still the ones it opened. */
    private static final long IDENTITY_CHECK_MILLIS = 500;
    private ScheduledFuture<?> identityWatch;
    private volatile boolean vaultLost;

    private EdgeDaemon(EdgeConfig config, LineObserver observer) throws InterruptedException {
        this.config = config;
        // never create a vault here: an empty one in place of a lost vault (or of a disk not mounted) would print the
        // lost vault's codes again; checked before the lock, which would create the missing directory
        CodeVault.requireExisting(Path.of(config.vault().path()));
        // first of all: a second daemon on the same vault would recover (void, re-issue) this one's codes
        this.vaultLock = VaultLock.acquire(Path.of(config.vault().path()));
        try {
            this.vault = CodeVault.openExisting(Path.of(config.vault().path()));
            this.recovery = vault.recover(new RecoveredResults());
            vault.watchIdentity();
        } catch (RuntimeException e) {
            vaultLock.close();
            throw e;
        }
        log.info("vault {}: {}", config.vault().path(), recovery.describe());
        this.io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            startExport();
            // the lines wind down (devices, then the lines' threads) after every adapter but the export, which goes
            // last so their last events may still go out
            started.push(this::closeLines);
            for (LineConfig lc : config.lines() == null ? List.<LineConfig>of() : config.lines()) {
                ProductionLine line = new ProductionLine(lc, vault, config.vault().reserveBlock());
                line.subscribe(new MetricsListener(metrics, lc.id(), this::flushActivations));
                line.subscribe(new RejectLog(lc.id(), System::nanoTime));
                line.subscribe(faultClock.listenerFor(lc.id()));
                if (observer != null) {
                    line.subscribe(observer.listenerFor(lc.id()));
                }
                lines.put(lc.id(), line);
                LineDevices d = LineDevices.connect(lc, line, io, metrics);
                devices.put(lc.id(), d);
                line.start(d.output());
                if (lc.packing() != null) {
                    CaseDevices cd = CaseDevices.connect(lc, line, new VaultCaseBinder(vault, lc), io, metrics);
                    caseDevices.put(lc.id(), cd);
                    line.rework(new VaultLineRework(vault, lc.id(), line::currentJobId,
                            lc.packing().perPallet() == null ? null : cd::repallet));
                }
                PlcAdapter plc = new PlcAdapter(lc.id(), lc.plc(), metrics, io);
                PortClash.explain("lines[" + (lines.size() - 1) + "].plc.port", lc.plc().bind(), lc.plc().port(),
                        () -> start(plc, List.of(line)));
                plcPorts.put(lc.id(), plc);
                log.info("line {}: PLC port {}:{}, printer {}, scanner {}", lc.id(), lc.plc().bind(),
                        plc.server().port(), lc.printer().uri(), lc.scanner().uri());
                if (lc.modbus() != null) {
                    LineConfig.Modbus mb = lc.modbus();
                    ModbusAdapter modbus = new ModbusAdapter(lc.id(), mb, metrics, io);
                    if (mb.client()) {
                        start(modbus, List.of(line));
                    } else {
                        PortClash.explain("lines[" + (lines.size() - 1) + "].modbus.port", mb.bind(),
                                mb.port(), () -> start(modbus, List.of(line)));
                    }
                    modbusLinks.put(lc.id(), modbus);
                }
            }
            if (export != null) {
                export.start(List.copyOf(lines.values()));
            }
            startOutbox();
            if (outbox != null) {
                started.push(outbox::stop);
            }
            identityWatch = vaultReader.scheduleAtFixedRate(this::checkVaultIdentity, IDENTITY_CHECK_MILLIS,
                    IDENTITY_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            startStatusPort();
            startOpcUa();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        notifier.ready("edge running: " + lines.size() + " line(s)");
    }

    private void startStatusPort() throws InterruptedException {
        Path vaultDir = Path.of(config.vault().path()).toAbsolutePath().getParent();
        DirectoryWriteProbe writable = new DirectoryWriteProbe(vaultDir);
        Map<String, java.util.function.BooleanSupplier> plcConnected = new LinkedHashMap<>();
        plcPorts.forEach((id, plc) -> plcConnected.put(id, plc.server()::plcConnected));
        status = new EdgeStatus(lines, plcConnected, vault, writable, () -> outboxView,
                () -> upstream == null ? null : upstream.quotaWaitUntil().orElse(null),
                () -> outbox == null ? 0 : outbox.retryFailed(), faultClock);
        modbusLinks.forEach((id, modbus) -> status.plcLinkOverride(id, modbus.link()::problem));
        plcPorts.forEach((id, plc) -> status.plcSilence(id, plc.server()::silence));
        caseDevices.forEach((id, cases) -> status.caseLinks(id, cases.links()));
        if (export != null) {
            status.export = export.export()::view;
        }
        status.adapters = () -> adapters.stream().map(a -> StatusSnapshot.Adapter.of(a.name(), a.health())).toList();
        status.refreshStock();
        stockRefresh = vaultReader.scheduleAtFixedRate(this::refreshStock, 2, 2, TimeUnit.SECONDS);
        statusPort = new StatusAdapter(config.status(), status, status, status, new VaultPackingControls(vault),
                metrics, io);
        PortClash.explain("status.port", config.status().bind(), config.status().port(),
                () -> start(statusPort, List.copyOf(lines.values())));
        log.info("status page on http://{}:{}/", config.status().bind(), statusPort.port());
        watchdog = Watchdog.interval(System.getenv(), ProcessHandle.current().pid())
                .map(interval -> Watchdog.start(watchdogLoop, interval, writable, notifier)).orElse(null);
        if (watchdog != null) {
            started.push(watchdog);
        }
    }

    /** The OPC UA server (off unless {@code opcua.enabled}): reads the lines' snapshots and events, never the vault. */
    private void startOpcUa() throws InterruptedException {
        OpcUaConfig oc = config.opcua();
        if (oc == null || !oc.enabled()) {
            return;
        }
        opcua = new OpcUaAdapter(oc, oc.pkiDirOr(Path.of(config.vault().path())), metrics);
        try {
            PortClash.explain("opcua.port", oc.bind(), oc.port(), () -> start(opcua, List.copyOf(lines.values())));
            status.opcua = StatusSnapshot.OpcUa.serving(opcua.server().endpointUrl());
        } catch (RuntimeException e) {
            // production does not need OPC UA: the edge runs on, /health says degraded and why, the dashboard shows it
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.error("OPC UA server did not start, the edge runs without it: {}", reason);
            opcua.couldNotStart(e, reason);
            adapters.add(opcua);
            status.opcua = StatusSnapshot.OpcUa.failed(reason, java.time.Instant.now());
        }
    }

    /** Every exported event goes to the MQTT broker from the vault's export outbox (off unless configured). */
    private void startExport() {
        ExportConfig ec = config.export();
        if (ec.mqttEnabled()) {
            // before the lines: the outbox records their events from the first one on (started with them below)
            export = new MqttAdapter(MqttExport.start(ec.mqtt(), ec.backlogAlarm(), vault, metrics.registry()));
            adapters.add(export);
            started.push(export);
        } else {
            // the outbox records anyway (the file export of any job); kept to the retention on the vault thread
            vaultReader.scheduleWithFixedDelay(MqttExport.recordOnly(vault, ec.retention()), 1, 60, TimeUnit.SECONDS);
        }
    }

    /** Bound codes are activated upstream in minimal ranges; without an upstream section they wait in the vault. */
    private void startOutbox() {
        UpstreamConfig uc = config.upstream();
        if (uc == null) {
            log.warn("no upstream: section; bound codes stay PENDING until an edge with upstream access activates them");
            return;
        }
        UpstreamEvents recorded = new VaultUpstreamEvents(vault);
        upstream = UpstreamClients.connect(uc, new UpstreamEvents() {
            @Override
            public void record(String kind, Map<String, Object> fields) {
                recorded.record(kind, fields);
            }

            @Override
            public void quotaWait(String endpoint, int errcode, java.time.Instant until) {
                metrics.quotaWait();
            }
        });
        outbox = new ActivationOutbox(vault, upstream, uc, Clock.systemUTC(), new ActivationOutbox.Listener() {
            @Override
            public void activated(long codes) {
                metrics.activated(codes);
            }

            @Override
            public void activationFailed() {
                metrics.activationFailed();
            }
        }).start();
    }

    /** The outbox after each job close, so the last ranges of a job go out without waiting for their delay. */
    public void flushActivations() {
        if (outbox != null) {
            outbox.signal();
        }
    }

    /**
     * Starts {@code adapter} with the lines it serves; once started it is shown on /health and closed by
     * {@link #close}, before the adapters started earlier.
     */
    private <A extends LineAdapter> A start(A adapter, List<ProductionLine> served) throws InterruptedException {
        adapter.start(served);
        adapters.add(adapter);
        started.push(adapter);
        return adapter;
    }

    /** The MQTT export, or null when export is off. */
    public MqttExport export() {
        return export == null ? null : export.export();
    }

    /** Every adapter's health now, in start order, by name ({@code plc:L1}, {@code modbus:L1}, {@code mqtt}, …). */
    public Map<String, AdapterHealth> adapterHealth() {
        Map<String, AdapterHealth> out = new LinkedHashMap<>();
        adapters.forEach(a -> out.put(a.name(), a.health()));
        return out;
    }

    public ActivationOutbox outbox() {
        return outbox;
    }

    /**
     * The vault probe: its file and WAL still the ones opened, still this vault. When not, every line takes the
     * vault fault (the PLC is refused VAULT) and the vault refuses every further call.
     */
    private void checkVaultIdentity() {
        if (vaultLost) {
            return;
        }
        String problem = vault.checkIdentity();
        if (problem != null) {
            vaultLost = true;
            log.error("vault lost: {}; every line stops", problem);
            lines.values().forEach(l -> l.vaultLost("vault lost: " + problem));
        }
    }

    private void refreshStock() {
        try {
            if (outbox != null) {
                ActivationOutbox.Backlog b = outbox.backlog();
                outboxView = new StatusSnapshot.Outbox(b.pendingCodes(), b.queuedCodes(), b.activatedCodes(),
                        b.failedCodes(), b.queuedRanges(), b.activatedRanges(), b.failedRanges());
            }
            status.refreshStock();
        } catch (RuntimeException e) {
            log.warn("vault stock refresh failed: {}", e.toString());
        }
    }

    /** The status port's bound port (useful when the config says 0), or -1 when it is not running. */
    public int statusPort() {
        return statusPort == null ? -1 : statusPort.port();
    }

    public EdgeMetrics metrics() {
        return metrics;
    }

    public static EdgeDaemon start(EdgeConfig config, LineObserver observer) throws InterruptedException {
        return new EdgeDaemon(config, observer);
    }

    public CodeVault vault() {
        return vault;
    }

    public RecoveryReport recovery() {
        return recovery;
    }

    public Map<String, ProductionLine> lines() {
        return lines;
    }

    /** The Modbus server port a line actually listens on (config port 0), or -1 (client mode or no Modbus). */
    public int modbusPort(String lineId) {
        ModbusAdapter modbus = modbusLinks.get(lineId);
        return modbus == null ? -1 : modbus.link().port();
    }

    /** The PLC port a line actually listens on (useful when the config says 0). */
    public int plcPort(String lineId) {
        return plcPorts.get(lineId).server().port();
    }

    /** A packing line's case printer and case reader, or null for a line that packs no cases. */
    public CaseDevices caseDevices(String lineId) {
        return caseDevices.get(lineId);
    }

    /** The port a line's {@code listen://} scanner listens on once bound, -1 before or for another scanner. */
    public int scannerPort(String lineId) {
        return devices.get(lineId).scannerPort();
    }

    /** The OPC UA server's endpoint URL, or null when {@code opcua} is not enabled. */
    public String opcuaEndpointUrl() {
        return opcua == null || opcua.server() == null ? null : opcua.server().endpointUrl();
    }

    public EdgeConfig config() {
        return config;
    }

    /** The devices (case devices first), then the lines' threads. */
    private void closeLines() {
        caseDevices.values().forEach(EdgeDaemon::closeQuietly);
        devices.values().forEach(EdgeDaemon::closeQuietly);
        for (ProductionLine line : lines.values()) {
            closeQuietly(line::shutdown);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("while shutting down: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("edge shutting down");
        notifier.stopping();
        lines.values().forEach(ProductionLine::beginShutdown);
        if (stockRefresh != null) {
            stockRefresh.cancel(false);
        }
        if (identityWatch != null) {
            identityWatch.cancel(false);
        }
        // the reverse of the start: OPC UA, the watchdog, the status port, the outbox, the PLC ports and Modbus links
        // (the lines refuse new triggers and jobs since beginShutdown), then the devices and the lines' threads,
        // then the MQTT export, and the vault below
        while (!started.isEmpty()) {
            closeQuietly(started.pop());
        }
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        vaultReader.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        watchdogLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        vault.close();
        vaultLock.close();
        log.info("edge stopped");
    }
}
