package io.yima.cli.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yima.common.UserFacingException;
import io.yima.vault.PackUnitJson;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.PackTree;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yima-edge vault lookup}: one code as JSON, the matrix as its 361-character string, with {@code parent}
 * (the case or pallet holding it now, null when none) and {@code case} (the code as a case or pallet with its
 * children, null when it is none).
 */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "Print one code as JSON, found by code, URL or application + index, with the case (pallet)"
                + " holding it and, for a case code or SSCC, the case and its children.")
public final class VaultLookupCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--vault", required = true, paramLabel = "FILE.db", description = "vault database file")
    Path vault;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Key key;

    static final class Key {
        @Option(names = "--code", paramLabel = "CODE",
                description = "the code (up to 9 characters), or a case's SSCC (18 digits, (00)…, urn:epc:id:sscc:…)")
        String code;

        @Option(names = "--url", paramLabel = "URL", description = "the 28-character URL")
        String url;

        @ArgGroup(exclusive = false)
        ByIndex byIndex;
    }

    static final class ByIndex {
        @Option(names = "--application", required = true, paramLabel = "APP", description = "application_id")
        long application;

        @Option(names = "--index", required = true, paramLabel = "N", description = "index in the application")
        long index;
    }

    @Override
    public Integer call() throws Exception {
        Optional<CodeRecord> found;
        String what;
        PackTree tree;
        try (CodeVault v = VaultFiles.openExisting(vault)) {
            if (key.code != null) {
                found = v.byCode(key.code);
                what = "code " + key.code;
            } else if (key.url != null) {
                found = v.byUrl(key.url);
                what = "url " + key.url;
            } else {
                found = v.byIndex(key.byIndex.application, key.byIndex.index);
                what = "index " + key.byIndex.index + " of application " + key.byIndex.application;
            }
            // where the code sits in the packing hierarchy: its case (pallet), and its children if it is one
            String read = found.map(CodeRecord::code).orElse(key.code);
            tree = read == null ? null : v.packing().tree(read);
        }
        ObjectNode json;
        if (found.isPresent()) {
            json = toJson(found.get());
        } else if (tree != null && tree.unit().isPresent()) {
            json = JSON.createObjectNode();
            json.put("code", tree.code());
        } else {
            throw new UserFacingException("no " + what + " in the vault");
        }
        if (tree != null) {
            ObjectNode packing = PackUnitJson.of(tree);
            json.set("parent", packing.get("parent"));
            json.set("case", packing.get("unit"));
        }
        spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        spec.commandLine().getOut().flush();
        return 0;
    }

    static ObjectNode toJson(CodeRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("application_id", r.applicationId());
        o.put("index", r.index());
        o.put("code", r.code());
        o.put("url", r.url());
        o.put("matrix", r.matrix().bits());
        o.put("state", r.state().name());
        o.put("job_id", r.jobId());
        o.put("item_id", r.itemId());
        o.put("reason", r.reason());
        o.put("activation_state", r.activationState());
        if (r.updatedMillis() > 0) {
            o.put("updated", Instant.ofEpochMilli(r.updatedMillis()).toString());
        } else {
            o.putNull("updated");
        }
        return o;
    }
}
