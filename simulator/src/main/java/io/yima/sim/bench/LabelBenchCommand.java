package io.yima.sim.bench;

import io.yima.daemon.EdgeDaemon;
import io.yima.edge.ConfigLoader;
import io.yima.sim.label.PrintedLabel;
import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcScenario;
import io.yima.sim.plc.ScenarioSpec;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.rig.Percentiles;
import io.yima.sim.rig.VaultSeed;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A templated case label (100 × 70 mm at 300 dpi: logo, Chinese text, job fields, dates, the code) printed by one
 * triggered line to an emulated Zebra (or, with {@code --language tspl}, a TSC; {@code escpos}, an ESC/POS printer), once sent inline (every label
 * whole) and once as a stored format ({@code ^DF} once, {@code ^XF} per label; TSPL: the fixed part as a BMP,
 * {@code DOWNLOAD} once, {@code PUTBMP} per label). Reports the bytes of each label's format, the one-time download,
 * and trigger → label bytes written (the edge's own measure) p50 / p99 / max.
 */
@Command(name = "bench-label", mixinStandardHelpOptions = true,
        description = "Bytes per label and trigger -> label latency of a templated label: inline vs stored format"
                + " (ZPL) or stored image (TSPL).",
        footer = {"", "Examples:", "  java -jar yima-sim.jar bench-label --items 600 --rate 50",
                "  java -jar yima-sim.jar bench-label --language tspl --items 300 --rate 20",
                "  java -jar yima-sim.jar bench-label --language escpos --items 200 --rate 20"})
public final class LabelBenchCommand implements Callable<Integer> {
    private static final long APP = 581865877L;

    @Option(names = "--items", defaultValue = "600", description = "labels per run (default ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--rate", defaultValue = "50", description = "triggers/s (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--language", defaultValue = "zpl", description = "zpl, tspl or escpos (default ${DEFAULT-VALUE})")
    String language;

    @Option(names = "--dir", description = "work folder (default: a new temporary folder)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        if (!language.equals("zpl") && !language.equals("tspl") && !language.equals("escpos")) {
            System.err.println("--language must be zpl, tspl or escpos, not " + language);
            return 2;
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("yima-bench-label");
        Path logo = work.resolve("logo.png");
        BufferedImage img = new BufferedImage(300, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 120);
        g.setColor(Color.BLACK);
        g.fillOval(5, 5, 110, 110);
        g.fillRect(130, 20, 160, 80);
        g.dispose();
        ImageIO.write(img, "png", logo.toFile());
        System.out.printf("bench-label in %s: 100 x 70 mm case label at 300 dpi, %d labels at %.0f/s per run; %d cores%n",
                work, items, rate, Runtime.getRuntime().availableProcessors());
        System.out.println();
        System.out.println("| " + language.toUpperCase(java.util.Locale.ROOT) + " | bytes per label (format) | one-time download bytes | trigger -> label p50 / p99 / max ms |");
        System.out.println("|---|---:|---:|---|");
        for (boolean stored : new boolean[] {false, true}) {
            System.out.println(runOne(work.resolve(stored ? "stored" : "inline"), stored, logo));
        }
        return 0;
    }

    private String runOne(Path work, boolean stored, Path logo) throws Exception {
        Files.createDirectories(work);
        Path vault = work.resolve("vault.db");
        VaultSeed.importForged(vault, APP, items + 100, work);
        LineTally tally = new LineTally();
        try (EmulatedLine line = new EmulatedLine("L1", PrinterLanguage.valueOf(
                language.toUpperCase(java.util.Locale.ROOT)))) {
            Path yaml = work.resolve("edge.yaml");
            Files.writeString(yaml, config(vault, line, stored, logo, language));
            try (EdgeDaemon edge = EdgeDaemon.start(ConfigLoader.load(yaml), tally)) {
                long t0 = System.nanoTime();
                PlcScenario scenario = new PlcScenario();
                try (PlcConversation plc = new PlcConversation("127.0.0.1", line.plcPort, "BENCH", 1000, scenario)) {
                    plc.open(10_000);
                    scenario.run(plc, new ScenarioSpec("CASE-" + (stored ? "S" : "I"), "SKU-CASE", "20261206A", items,
                            rate, Map.of("symbol", "QR", "mode", "TRIGGERED"), 10_000, "case-"));
                }
                Percentiles p = Percentiles.ofNanos(tally.latencies(t0, System.nanoTime()));
                List<PrintedLabel> labels = line.record.labels();
                long formatBytes = labels.stream().mapToLong(PrintedLabel::rawBytes).sum();
                // everything the printer received that is not a label's own format: the download(s) and status polls
                long other = line.printer.bytesReceived() - formatBytes;
                if (stored && !language.equals("zpl") && labels.size() > 1) {
                    // A TSC (or an ESC/POS printer) counts the download into the label after it (no format
                    // brackets): take out what the first label carried beyond the others' mean and count it as the
                    // download.
                    long first = labels.get(0).rawBytes();
                    long extra = first - (formatBytes - first) / (labels.size() - 1);
                    formatBytes -= extra;
                    other += extra;
                }
                return String.format("| %s | %.0f | %s | %s / %s / %s |", stored ? switch (language) {
                            case "tspl" -> "stored image (PUTBMP)";
                            case "escpos" -> "stored images (GS ( L)";
                            default -> "stored format (^XF)";
                        } : "inline",
                        labels.isEmpty() ? 0.0 : (double) formatBytes / labels.size(),
                        stored ? Long.toString(other) + " (incl. status polls)" : "- (" + other + " status polls)",
                        p.p50(), p.p99(), p.max());
            }
        }
    }

    private static String config(Path vault, EmulatedLine line, boolean stored, Path logo, String language) {
        return """
                vault: { path: "%s" }
                applications: [ { id: %d } ]
                status: { bind: 127.0.0.1, port: 0 }
                lines:
                  - id: L1
                    application: %d
                    mode: TRIGGERED
                    printer: { uri: "tcp://127.0.0.1:%d", language: %s, %sstatus_poll: 1s }
                    label:
                      width_mm: 100
                      height_mm: 70
                      dpi: 300
                      symbol: QR
                      time_zone: Asia/Shanghai
                      stored_format: %s
                      template:
                        elements:
                          - box: { x_mm: 1, y_mm: 1, width_mm: 98, height_mm: 68, thickness_mm: 0.5 }
                          - logo: { x_mm: 4, y_mm: 4, width_mm: 30, file: "%s" }
                          - text: { x_mm: 40, y_mm: 4, height_mm: 6, value: "{title}" }
                          - text: { x_mm: 40, y_mm: 12, height_mm: 4, value: "规格 12 × 250克 / 箱" }
                          - line: { x_mm: 2, y_mm: 20, width_mm: 96, height_mm: 0.4 }
                          - text: { x_mm: 4, y_mm: 24, height_mm: 4, value: "SKU {sku}" }
                          - text: { x_mm: 4, y_mm: 31, height_mm: 4, value: "批号 {batch}" }
                          - text: { x_mm: 4, y_mm: 38, height_mm: 4, value: "生产日期 {date:yyyy-MM-dd}" }
                          - text: { x_mm: 4, y_mm: 45, height_mm: 4, value: "有效期至 {date+730d:yyyy-MM-dd}" }
                          - text: { x_mm: 4, y_mm: 52, height_mm: 4, value: "产线 {line}" }
                          - symbol: { x_mm: 68, y_mm: 24, size_mm: 25 }
                          - text: { x_mm: 68, y_mm: 60, height_mm: 3.5, value: "{code}" }
                          - text: { x_mm: 4, y_mm: 60, height_mm: 3.5, value: "箱号 {seq}" }
                    scanner: { uri: "tcp://127.0.0.1:%d", no_read: ERROR }
                    plc: { bind: 127.0.0.1, port: %d, heartbeat: 2s, trigger_deadline: 10s }
                    verify: { window: 5s }
                    job_defaults: { title: "明前龙井 绿茶", brand: "一物一码茶业" }
                """.formatted(vault, APP, APP, line.printer.port(), language,
                        language.equals("zpl") ? "graphic: Z64, "
                                : language.equals("escpos") && stored ? "stored_images: true, " : "", stored, logo, line.scanner.port(), line.plcPort);
    }
}
