package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value written in a config file is the value the edge runs with, after defaults and path resolution. The
 * oracle is the YAML text itself: each leaf of the file is looked up in the loaded config (written back out with the
 * config's own naming), so a section rebuilt with a shorter constructor, which silently drops fields back to their
 * defaults, fails here whatever the field is.
 */
class ConfigRoundTripTest {
    private static final Pattern DURATION = Pattern.compile("\\d+\\s*(ms|s|m|h)");

    /** A file that sets every status and printer key to something other than its default, with a relative path. */
    private static final String EVERY_KEY = """
            vault: { path: data/vault.db, reserve_block: 128 }
            applications:
              - { id: 581865877, key_file: keys/app.key }
            status:
              bind: 127.0.0.1
              port: 8181
              token_file: secrets/status.token
              low_stock_warning: 777
              request_timeout: 7s
              max_connections: 5
              reject_amber_percent: 3
              reject_red_percent: 9
              stale_after: 11s
              allowed_hosts: [edge-l1.factory.local]
              max_wrong_tokens: 3
              low_stock_critical: 55
            lines:
              - id: L1
                application: 581865877
                mode: TRIGGERED
                printer: { uri: "tcp://127.0.0.1:9100", language: zpl, graphic: HEX, status_poll: 2s,
                           status_timeout: 4s, max_band_height: 128, print_rate: 12.5, max_ahead: 9,
                           busy_status_poll: 200ms }
                label: { width_mm: 30, height_mm: 20, dpi: 300, symbol: QR, size_mm: 10, human_readable: true }
                scanner: { uri: "listen://127.0.0.1:9004", no_read: NOREAD, allow: [127.0.0.1], max_connections: 2 }
                plc: { bind: 127.0.0.1, port: 7001, heartbeat: 3s }
            """;

    @ParameterizedTest
    @MethodSource("io.yima.config.ExampleConfigsTest#examples")
    void everyValueInAnExampleReachesTheEdge(Path file) throws IOException {
        EdgeConfig loaded = ConfigLoader.load(file);
        assertEveryLeafSurvives(Files.readString(file), loaded, file.toAbsolutePath().getParent());
    }

    @Test
    void aTokenFileKeepsTheRestOfTheStatusSection(@TempDir Path dir) throws IOException {
        EdgeConfig loaded = ConfigLoader.parse(EVERY_KEY, dir);
        assertEveryLeafSurvives(EVERY_KEY, loaded, dir);
        assertThat(loaded.status().maxConnections()).isEqualTo(5);
        assertThat(loaded.status().requestTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(loaded.status().staleAfter()).isEqualTo(Duration.ofSeconds(11));
        assertThat(loaded.status().tokenFile()).isEqualTo(dir.resolve("secrets/status.token"));
    }

    private static void assertEveryLeafSurvives(String yaml, EdgeConfig loaded, Path base) throws IOException {
        JsonNode written = ConfigLoader.mapper().readTree(yaml);
        JsonNode read = writer().valueToTree(loaded);
        List<String> lost = new ArrayList<>();
        compare("", written, read, base, lost);
        assertThat(lost).as("values that did not reach the loaded config").isEmpty();
    }

    private static void compare(String path, JsonNode written, JsonNode read, Path base, List<String> lost) {
        if (written.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = written.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String at = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                JsonNode r = read == null ? null : read.get(f.getKey());
                compare(at, f.getValue(), r, base, lost);
            }
        } else if (written.isArray()) {
            for (int i = 0; i < written.size(); i++) {
                compare(path + "[" + i + "]", written.get(i), read == null ? null : read.get(i), base, lost);
            }
        } else if (!written.isNull() && !same(path, written, read, base)) {
            lost.add(path + ": file says " + written.asText() + ", edge runs with "
                    + (read == null ? "nothing" : read.asText()));
        }
    }

    private static boolean same(String path, JsonNode written, JsonNode read, Path base) {
        if (read == null || read.isNull()) {
            return false;
        }
        String w = written.asText();
        String r = read.asText();
        if (written.isNumber() || read.isNumber()) {
            return new BigDecimal(w).compareTo(new BigDecimal(r)) == 0;
        }
        if (DURATION.matcher(w).matches()) {
            return DurationText.parse(w).equals(DurationText.parse(r));
        }
        if (isPathKey(path)) {
            return base.resolve(w).normalize().toString().equals(r);
        }
        return w.equalsIgnoreCase(r);
    }

    private static boolean isPathKey(String path) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        return key.endsWith("_file") || key.equals("path") || key.endsWith("_dir");
    }

    /** The loaded config written back out with the file's own naming; durations as the file writes them. */
    private static ObjectMapper writer() {
        SimpleModule m = new SimpleModule("written")
                .addSerializer(Duration.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                        g.writeString(DurationText.format(d));
                    }
                })
                .addSerializer(Path.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Path v, JsonGenerator g, SerializerProvider p) throws IOException {
                        g.writeString(v.toString());
                    }
                });
        return ConfigLoader.mapper().registerModule(m);
    }
}
