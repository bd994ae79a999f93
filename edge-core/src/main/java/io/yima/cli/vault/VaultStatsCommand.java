package io.yima.cli.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.VaultStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yima-edge vault stats}: total and count per state (and activation state) per application. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Per application: total codes, count per state, activation counts.")
public final class VaultStatsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--vault", required = true, paramLabel = "FILE.db", description = "vault database file")
    Path vault;

    @Option(names = "--json", description = "print JSON: applications[].application_id, total, states{}, activation{}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        VaultStats stats;
        try (CodeVault v = VaultFiles.openExisting(vault)) {
            stats = v.stats();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(stats)));
        } else if (stats.applications().isEmpty()) {
            out.println("the vault holds no applications");
        } else {
            for (VaultStats.ApplicationStats a : stats.applications()) {
                StringBuilder line = new StringBuilder("application " + a.applicationId() + ": " + a.total()
                        + " codes");
                a.states().forEach((s, n) -> line.append(", ").append(s).append(' ').append(n));
                line.append("; activation");
                a.activation().forEach((s, n) -> line.append(' ').append(s).append(' ').append(n));
                out.println(line);
            }
        }
        out.flush();
        return 0;
    }

    static ObjectNode toJson(VaultStats stats) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode apps = root.putArray("applications");
        for (VaultStats.ApplicationStats a : stats.applications()) {
            ObjectNode app = apps.addObject();
            app.put("application_id", a.applicationId());
            app.put("total", a.total());
            ObjectNode states = app.putObject("states");
            for (Map.Entry<CodeState, Long> e : a.states().entrySet()) {
                states.put(e.getKey().name(), e.getValue());
            }
            ObjectNode activation = app.putObject("activation");
            a.activation().forEach(activation::put);
        }
        return root;
    }
}
