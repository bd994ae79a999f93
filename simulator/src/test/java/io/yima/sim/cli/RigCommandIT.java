package io.yima.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.YimaSim;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code yima-sim rig} as a person runs it: a progress bar, one verdict line with the fault tally, a quiet console. */
class RigCommandIT {

    @Test
    void rigEndsWithAPassLineAndKeepsPerItemWarningsInTheLog(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int rc;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            rc = YimaSim.commandLine().execute("rig", "--items", "120", "--rate", "120", "--forge", "1000",
                    "--no-read-rate", "0.1", "--work-dir", dir.toString());
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(console).isZero();
        String last = console.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).matches("PASS  120 items: printed 120 = bound \\d+ \\+ rejected [1-9]\\d* \\+ voided 0;"
                + " faults: no read [1-9]\\d*");
        assertThat(console).contains("[########################]     120 / 120  100 %")
                .contains("faults injected by the scanner: no read")
                .doesNotContainPattern("\\{[A-Za-z_]+=").doesNotContainPattern("\\[\\d+\\.\\d+, ");
        assertThat(console + err.toString(StandardCharsets.UTF_8)).doesNotContain(" WARN ");
        assertThat(Files.readString(dir.resolve("edge.log"))).contains("rejected NO_READ");
    }
}
