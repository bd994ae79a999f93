package io.yima.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.yima.common.UserFacingException;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "job", mixinStandardHelpOptions = true, description = "Job reports.",
        subcommands = JobCommand.Report.class)
public final class JobCommand {

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Account for every code a job touched: printed = bound + rejected + voided.")
    static final class Report implements Callable<Integer> {
        @Option(names = "--vault", required = true, description = "The vault file.")
        Path vaultFile;

        @Option(names = "--job", required = true, description = "The job id.")
        String job;

        @Option(names = "--format", defaultValue = "json", description = "json or csv (one row per code).")
        String format;

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
                switch (format) {
                    case "json" -> System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(r));
                    case "csv" -> printCsv(r);
                    default -> throw new UserFacingException("--format: '" + format + "' is not json or csv");
                }
            }
            return 0;
        }

        private static void printCsv(JobReport r) {
            System.out.println("job,index,state");
            for (Map.Entry<CodeState, List<Long>> e : r.indexes().entrySet()) {
                for (long idx : e.getValue()) {
                    System.out.println(r.jobId() + "," + idx + "," + e.getKey());
                }
            }
        }
    }
}
