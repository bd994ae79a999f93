package io.yima.edge;

import io.yima.config.FieldFiles;
import io.yima.config.LineConfig;
import io.yima.export.ExportConfig;
import io.yima.opcua.OpcUaConfig;
import io.yima.status.StatusConfig;
import io.yima.upstream.UpstreamConfig;
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
        EdgeConfig.VaultSection vault = c.vault() == null ? null
                : new EdgeConfig.VaultSection(abs(base, c.vault().path()), c.vault().reserveBlock());
        List<EdgeConfig.ApplicationSection> apps = c.applications() == null ? List.of() : c.applications().stream()
                .map(a -> new EdgeConfig.ApplicationSection(a.id(), abs(base, a.keyFile()), a.keyEnv()))
                .toList();
        StatusConfig status = c.status().tokenFile() == null ? c.status()
                : c.status().withTokenFile(base.resolve(c.status().tokenFile()).normalize());
        UpstreamConfig upstream = c.upstream() == null ? null : c.upstream().resolvedAgainst(base);
        OpcUaConfig opcua = c.opcua() == null ? null : c.opcua().resolvedAgainst(base);
        ExportConfig export = c.export().resolvedAgainst(base);
        return new EdgeConfig(vault, apps, upstream, status, c.logging(), labelPaths(c.lines(), base), opcua, export);
    }

    /** A label's font and template files (and the template's logos) resolve like every other path. */
    private static List<LineConfig> labelPaths(List<LineConfig> lines, Path base) {
        if (lines == null) {
            return null;
        }
        return lines.stream().map(l -> {
            LineConfig.Label b = l.label();
            if (b == null || (b.template() == null && b.font() == null)) {
                return l;
            }
            LineConfig.Label label = b.withTemplate(b.template() == null ? null : b.template().resolvedAgainst(base),
                    abs(base, b.font()));
            return new LineConfig(l.id(), l.application(), l.mode(), l.printer(), label, l.scanner(), l.plc(),
                    l.verify(), l.stream(), l.jobDefaults(), l.modbus(), l.packing());
        }).toList();
    }

    private static String abs(Path base, String p) {
        return FieldFiles.resolve(base, p);
    }
}
