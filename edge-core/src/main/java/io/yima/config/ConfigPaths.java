package io.yima.config;

import java.nio.file.Path;
import java.util.List;

/** Resolves the config's relative file paths against the config file's folder, as a technician expects. */
final class ConfigPaths {
    private ConfigPaths() {
    }

    static EdgeConfig resolve(EdgeConfig c, Path base) {
        if (base == null) {
            return c;
        }
        EdgeConfig.VaultSection vault = new EdgeConfig.VaultSection(abs(base, c.vault().path()), c.vault().reserveBlock());
        List<EdgeConfig.ApplicationSection> apps = c.applications() == null ? List.of() : c.applications().stream()
                .map(a -> new EdgeConfig.ApplicationSection(a.id(), abs(base, a.keyFile()), a.keyEnv()))
                .toList();
        io.yima.status.StatusConfig status = c.status() == null || c.status().tokenFile() == null ? c.status()
                : c.status().withTokenFile(base.resolve(c.status().tokenFile()).normalize());
        io.yima.upstream.UpstreamConfig upstream = c.upstream() == null ? null : c.upstream().resolvedAgainst(base);
        io.yima.opcua.OpcUaConfig opcua = c.opcua() == null ? null : c.opcua().resolvedAgainst(base);
        io.yima.export.ExportConfig export = c.export() == null ? null : c.export().resolvedAgainst(base);
        return new EdgeConfig(vault, apps, upstream, status, c.logging(), c.lines(), opcua, export);
    }

    static String abs(Path base, String p) {
        return p == null ? null : base.resolve(p).normalize().toString();
    }
}
