package io.yima.sim.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edge's YAML config as far as a rig needs it: written for the emulators' ports, or read to find the ports
 * of an edge that is already running. Keys follow the edge's config shape (vault, applications, upstream,
 * status, lines[].printer/scanner/plc/label/verify/job_defaults).
 */
public final class EdgeConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The endpoints of line 1. */
    public record LineEndpoints(String lineId, int printerPort, String printerLanguage, int scannerPort,
                                String plcHost, int plcPort) {
    }

    private EdgeConfigFile() {
    }

    public static void write(Path file, RigSpec spec, int printerPort, int scannerPort, int plcPort)
            throws IOException {
        write(file, spec, printerPort, scannerPort, plcPort, Map.of());
    }

    /**
     * As {@link #write(Path, RigSpec, int, int, int)}, with line keys set or replaced by {@code lineSettings}
     * (e.g. {@code mode}, {@code stream: {depth: 4}}, {@code verify: {window: 3s}}).
     */
    public static void write(Path file, RigSpec spec, int printerPort, int scannerPort, int plcPort,
                             Map<String, Object> lineSettings) throws IOException {
        write(file, spec, printerPort, scannerPort, plcPort, lineSettings, Map.of());
    }

    /** As above, with edge-level sections added or replaced by {@code edgeSettings} (e.g. {@code opcua: {...}}). */
    public static void write(Path file, RigSpec spec, int printerPort, int scannerPort, int plcPort,
                             Map<String, Object> lineSettings, Map<String, Object> edgeSettings) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("vault", Map.of("path", spec.workDir().resolve("vault.db").toString()));
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("id", spec.applicationId());
        if (spec.keyFile() != null) {
            app.put("key_file", spec.keyFile().toString());
        }
        root.put("applications", List.of(app));
        if (spec.upstreamUrl() != null) {
            Map<String, Object> up = new LinkedHashMap<>();
            up.put("base_url", spec.upstreamUrl());
            up.put("appid", "wxdemo");
            if (spec.secretFile() != null) {
                up.put("secret_file", spec.secretFile().toString());
            }
            root.put("upstream", up);
        }
        root.put("status", Map.of("bind", "127.0.0.1", "port", 0));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", "L1");
        line.put("application", spec.applicationId());
        line.put("mode", "TRIGGERED");
        Map<String, Object> printer = new LinkedHashMap<>();
        printer.put("uri", "tcp://127.0.0.1:" + printerPort);
        printer.put("language", spec.language().name().toLowerCase());
        if (spec.language() == io.yima.sim.printer.PrinterLanguage.ZPL) {
            printer.put("graphic", "Z64");
        }
        printer.put("status_poll", "1s");
        line.put("printer", printer);
        line.put("label", Map.of("width_mm", 30, "height_mm", 20, "dpi", 300, "symbol", spec.symbol(),
                "size_mm", 10, "human_readable", true));
        line.put("scanner", Map.of("uri", "tcp://127.0.0.1:" + scannerPort, "no_read", "ERROR"));
        line.put("plc", Map.of("bind", "127.0.0.1", "port", plcPort, "heartbeat", "2s"));
        line.put("verify", Map.of("window", "5s"));
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("brand", "Yima Tea");
        defaults.put("title", "Green tea 250 g");
        defaults.put("ean", "6901234567892");
        defaults.put("activity", "demo");
        defaults.put("wxa_appid", "wx0000000000000000");
        defaults.put("wxa_path", "pages/index");
        line.put("job_defaults", defaults);
        line.putAll(lineSettings);
        root.put("lines", List.of(line));
        root.putAll(edgeSettings);
        YAML.writeValue(file.toFile(), root);
    }

    /** Reads line 1's endpoints from an edge config; the message names the missing key. */
    public static LineEndpoints read(Path file) throws IOException {
        JsonNode root = YAML.readTree(file.toFile());
        JsonNode line = root.path("lines").path(0);
        if (line.isMissingNode()) {
            throw new IOException(file + ": no lines[0]");
        }
        URI printer = uri(line, "printer", file);
        URI scanner = uri(line, "scanner", file);
        JsonNode plc = line.path("plc");
        if (!plc.path("port").canConvertToInt()) {
            throw new IOException(file + ": lines[0].plc.port missing");
        }
        return new LineEndpoints(line.path("id").asText("L1"), printer.getPort(),
                line.path("printer").path("language").asText("zpl"), scanner.getPort(),
                plc.path("bind").asText("127.0.0.1"), plc.path("port").asInt());
    }

    private static URI uri(JsonNode line, String device, Path file) throws IOException {
        String text = line.path(device).path("uri").asText("");
        try {
            URI u = URI.create(text);
            if (!"tcp".equals(u.getScheme()) || u.getPort() <= 0) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": lines[0]." + device + ".uri must be tcp://host:port, is '" + text + "'");
        }
    }
}
