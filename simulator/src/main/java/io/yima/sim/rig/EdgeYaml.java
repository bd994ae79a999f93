package io.yima.sim.rig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An edge config with any number of lines on the emulators' ports, for tests and benchmarks that need more than
 * {@link EdgeConfigFile}'s one rig line: a fixed PLC port per line (so a restarted edge listens where the PLC
 * reconnects), the vault's reserve block, an optional upstream.
 */
public final class EdgeYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One line's endpoints; {@code mode} is the line's default (START may override it). */
    public record Line(String id, int printerPort, int scannerPort, int plcPort, String mode) {
    }

    private final Path vault;
    private final long applicationId;
    private final List<Line> lines = new ArrayList<>();
    private Integer reserveBlock;
    private String upstreamUrl;
    private Path secretFile;
    private String verifyWindow = "5s";
    private Integer maxInFlight;
    private String logFile;
    private Integer streamDepth;
    private String symbol = "QR";
    private String graphic = "Z64";
    private int statusPort;

    public EdgeYaml(Path vault, long applicationId) {
        this.vault = vault;
        this.applicationId = applicationId;
    }

    public EdgeYaml line(Line line) {
        lines.add(line);
        return this;
    }

    public EdgeYaml reserveBlock(int n) {
        this.reserveBlock = n;
        return this;
    }

    public EdgeYaml upstream(String baseUrl, Path secret) {
        this.upstreamUrl = baseUrl;
        this.secretFile = secret;
        return this;
    }

    public EdgeYaml verify(String window, Integer maxInFlight) {
        this.verifyWindow = window;
        this.maxInFlight = maxInFlight;
        return this;
    }

    /** STREAM mode: labels the edge keeps printed ahead of the scanner. */
    public EdgeYaml streamDepth(int depth) {
        this.streamDepth = depth;
        return this;
    }

    /** The jobs' default symbol (QR or MICROCODE) and the printer's graphic encoding (Z64, RLE, HEX, NATIVE). */
    public EdgeYaml symbol(String symbol, String graphic) {
        this.symbol = symbol;
        this.graphic = graphic;
        return this;
    }

    /** The status port; 0 (the default) = any free, for an edge in this JVM that can be asked which it took. */
    public EdgeYaml statusPort(int port) {
        this.statusPort = port;
        return this;
    }

    public EdgeYaml logFile(Path file) {
        this.logFile = file.toString();
        return this;
    }

    public Path write(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("path", vault.toString());
        if (reserveBlock != null) {
            v.put("reserve_block", reserveBlock);
        }
        root.put("vault", v);
        root.put("applications", List.of(Map.of("id", applicationId)));
        if (upstreamUrl != null) {
            Map<String, Object> up = new LinkedHashMap<>();
            up.put("base_url", upstreamUrl);
            up.put("appid", "wxdemo");
            up.put("secret_file", secretFile.toString());
            up.put("max_requests_per_second", 200.0);
            root.put("upstream", up);
        }
        root.put("status", Map.of("bind", "127.0.0.1", "port", statusPort));
        if (logFile != null) {
            root.put("logging", Map.of("file", logFile));
        }
        List<Map<String, Object>> ls = new ArrayList<>();
        for (Line l : lines) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", l.id());
            line.put("application", applicationId);
            line.put("mode", l.mode());
            line.put("printer", Map.of("uri", "tcp://127.0.0.1:" + l.printerPort(), "language", "zpl",
                    "graphic", graphic, "status_poll", "1s"));
            line.put("label", Map.of("width_mm", 30, "height_mm", 20, "dpi", 300, "size_mm", 10,
                    "human_readable", true));
            line.put("scanner", Map.of("uri", "tcp://127.0.0.1:" + l.scannerPort(), "no_read", "ERROR"));
            line.put("plc", Map.of("bind", "127.0.0.1", "port", l.plcPort(), "heartbeat", "2s"));
            Map<String, Object> verify = new LinkedHashMap<>();
            verify.put("window", verifyWindow);
            if (maxInFlight != null) {
                verify.put("max_in_flight", maxInFlight);
            }
            line.put("verify", verify);
            if (streamDepth != null) {
                line.put("stream", Map.of("depth", streamDepth));
            }
            line.put("job_defaults", Map.of("symbol", symbol, "brand", "Yima Tea", "title", "Green tea 250 g", "ean", "6901234567892",
                    "activity", "rig", "wxa_appid", "wx0000000000000000", "wxa_path", "pages/index"));
            ls.add(line);
        }
        root.put("lines", ls);
        YAML.writeValue(file.toFile(), root);
        return file;
    }
}
