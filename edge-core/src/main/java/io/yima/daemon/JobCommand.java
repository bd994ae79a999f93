package io.yima.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yima.cli.vault.PackUnitJson;
import io.yima.cli.UserFacingException;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import io.yima.vault.PackLevel;
import io.yima.vault.PackUnit;
import java.io.PrintWriter;
import java.util.HashMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "job", mixinStandardHelpOptions = true, description = "Job reports.",
        subcommands = JobCommand.Report.class)
public final class JobCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Account for every code a job touched: printed = bound + rejected + voided; and the job's"
                    + " cases with their items.")
    static final class Report implements Callable<Integer> {
        @Option(names = "--vault", required = true, description = "The vault file.")
        Path vaultFile;

        @Option(names = "--job", required = true, description = "The job id.")
        String job;

        @Option(names = "--format", defaultValue = "json", description = "json (with the job's cases and pallets),"
                + " csv (one row per code) or cases-csv (one row per case and item).")
        String format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.exists(vaultFile)) {
                throw new UserFacingException(vaultFile + ": no such vault");
            }
            try (CodeVault vault = CodeVault.open(vaultFile)) {
                if (vault.job(job).isEmpty()) {
                    throw new UserFacingException("no job '" + job + "' in " + vaultFile);
                }
                JobReport r = vault.jobReport(job);
                List<PackUnit> cases = vault.packing().units(job, PackLevel.CASE);
                List<PackUnit> pallets = vault.packing().units(job, PackLevel.PALLET);
                PrintWriter out = spec.commandLine().getOut();
                switch (format) {
                    case "json" -> out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                            json(r, cases, pallets)));
                    case "csv" -> printCsv(out, r);
                    case "cases-csv" -> printCasesCsv(out, job, cases, pallets);
                    default -> throw new UserFacingException("--format: '" + format
                            + "' is not json, csv or cases-csv");
                }
                out.flush();
            }
            return 0;
        }

        private static ObjectNode json(JobReport r, List<PackUnit> cases, List<PackUnit> pallets) {
            ObjectNode o = JSON.valueToTree(r);
            Map<String, String> palletOf = palletOf(pallets);
            ArrayNode c = o.putArray("cases");
            for (PackUnit u : cases) {
                c.add(PackUnitJson.of(u).put("pallet", palletOf.get(u.code())));
            }
            ArrayNode p = o.putArray("pallets");
            pallets.forEach(u -> p.add(PackUnitJson.of(u)));
            return o;
        }

        /** Which pallet holds each case now. */
        private static Map<String, String> palletOf(List<PackUnit> pallets) {
            Map<String, String> m = new HashMap<>();
            for (PackUnit p : pallets) {
                p.children().forEach(c -> m.put(c, p.code()));
            }
            return m;
        }

        private static void printCsv(PrintWriter out, JobReport r) {
            out.println("job,index,state");
            for (Map.Entry<CodeState, List<Long>> e : r.indexes().entrySet()) {
                for (long idx : e.getValue()) {
                    out.println(r.jobId() + "," + idx + "," + e.getKey());
                }
            }
        }

        /** One row per item in a case (a case without items, unpacked or voided, has one row with no item). */
        private static void printCasesCsv(PrintWriter out, String job, List<PackUnit> cases, List<PackUnit> pallets) {
            Map<String, String> palletOf = palletOf(pallets);
            out.println("job,pallet,case,case_kind,case_state,item");
            for (PackUnit u : cases) {
                String head = job + "," + palletOf.getOrDefault(u.code(), "") + "," + u.code() + "," + u.kind() + ","
                        + u.state() + ",";
                if (u.children().isEmpty()) {
                    out.println(head);
                }
                u.children().forEach(item -> out.println(head + item));
            }
        }
    }
}
