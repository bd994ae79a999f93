package io.yima.config;

import java.util.List;

/**
 * The edge's one YAML file. Sections are records so a typo in a key fails at start with the key's path
 * ({@link ConfigLoader}). Defaults are applied by each section (its {@code fromYaml} creator or its
 * {@code …OrDefault()} accessors); paths are resolved against the file's folder once, in {@link ConfigPaths}.
 */
public record EdgeConfig(
        VaultSection vault,
        List<ApplicationSection> applications,
        io.yima.upstream.UpstreamConfig upstream,
        io.yima.status.StatusConfig status,
        LoggingSection logging,
        List<LineConfig> lines,
        io.yima.opcua.OpcUaConfig opcua,
        io.yima.export.ExportConfig export) {

    public record VaultSection(String path, Integer reserveBlock) {
        public int reserveBlockOrDefault() {
            return reserveBlock == null ? 256 : reserveBlock;
        }
    }

    /** A code application held by this edge; its AES key is referenced, never inline. */
    public record ApplicationSection(Long id, String keyFile, String keyEnv) {
    }

    public io.yima.status.StatusConfig statusOrDefault() {
        return status == null ? io.yima.status.StatusConfig.defaults() : status;
    }

    public record LoggingSection(String file, String level) {
    }
}
