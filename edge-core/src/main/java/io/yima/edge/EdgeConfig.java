package io.yima.edge;

import io.yima.config.LineConfig;
import io.yima.export.ExportConfig;
import io.yima.opcua.OpcUaConfig;
import io.yima.status.StatusConfig;
import io.yima.upstream.UpstreamConfig;
import java.util.List;

/**
 * The edge's one YAML file. Sections are records so a typo in a key fails at start with the key's path
 * ({@link ConfigLoader}). Defaults are applied by each section, in its compact constructor (status in its
 * {@code fromYaml} creator, as its fields are primitives; the few {@code …OrDefault()} accessors left say why next
 * to them); paths are resolved against the file's folder once, in {@link ConfigPaths}.
 */
public record EdgeConfig(
        VaultSection vault,
        List<ApplicationSection> applications,
        UpstreamConfig upstream,
        StatusConfig status,
        LoggingSection logging,
        List<LineConfig> lines,
        OpcUaConfig opcua,
        ExportConfig export) {

    /**
     * The status port and the export left out of the file are there with their defaults (the status port on
     * 127.0.0.1:8080, nothing exported), so no reader has to tell "absent" from "default". The vault, the
     * applications, upstream, logging, OPC UA and the lines stay null when absent: the checks require or refuse them.
     */
    public EdgeConfig {
        status = status == null ? StatusConfig.defaults() : status;
        export = export == null ? new ExportConfig(null) : export;
    }

    /** {@code reserveBlock}: codes reserved per transaction into a line's prefetch (default 256). */
    public record VaultSection(String path, Integer reserveBlock) {
        public VaultSection {
            reserveBlock = reserveBlock == null ? 256 : reserveBlock;
        }

        /** Problems with this section, each naming its field ({@code vault.path: ...}); empty when valid. */
        public List<String> problems() {
            List<String> p = new java.util.ArrayList<>();
            if (path == null || path.isBlank()) {
                p.add("vault.path: required (the SQLite vault file)");
            }
            if (reserveBlock < 1 || reserveBlock > 10_000) {
                p.add("vault.reserve_block: must be between 1 and 10000");
            }
            return p;
        }
    }

    /** A code application held by this edge; its AES key is referenced, never inline. */
    public record ApplicationSection(Long id, String keyFile, String keyEnv) {
    }

    public record LoggingSection(String file, String level) {
    }
}
