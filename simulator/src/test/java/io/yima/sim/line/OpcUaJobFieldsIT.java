package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.yima.vault.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OPC UA's StartJobWithFields (title, brand, production date) through Eclipse Milo's client on a whole line: the
 * emulated printer's labels carry the job's title and date dot for dot ({@link JobLabelFieldsIT} for the other
 * ports). Runs in simulator/pom.xml's {@code opcua-client} execution, on Milo's class path.
 */
class OpcUaJobFieldsIT {
    static final String PASSWORD = "line-7-Password";

    @TempDir
    Path dir;

    @Test
    void opcUaStartJobWithFieldsPrintsItsTitleAndDate() throws Exception {
        LocalDate date = JobLabelFieldsIT.produced();
        UaClient.Identity app = UaClient.Identity.generate("yima-it-fields");
        Path pki = dir.resolve("pki");
        app.trustIn(pki);
        Path password = dir.resolve("opcua.password");
        Files.writeString(password, PASSWORD + "\n");
        Map<String, Object> opcua = new LinkedHashMap<>();
        opcua.put("enabled", true);
        opcua.put("bind", "127.0.0.1");
        opcua.put("port", OpcUaLineIT.freePort());
        opcua.put("username", "mes");
        opcua.put("password_file", password.toString());
        opcua.put("pki_dir", pki.toString());
        try (LiveLine line = JobLabelFieldsIT.line(dir, Map.of(), Map.of("opcua", opcua));
             UaClient ua = UaClient.connect(line.edge().opcuaEndpointUrl(), app,
                     new UsernameProvider("mes", PASSWORD))) {
            CallMethodResult bad = ua.call("L1", "StartJobWithFields", "J-F3", "SKU-F", "B-F3", uint(3), "STREAM",
                    "QR", JobLabelFieldsIT.TITLE, "", "30/11/2026");
            assertThat(bad.getStatusCode().isGood()).isFalse();
            assertThat(bad.getOutputArguments()[1].getValue()).asString()
                    .isEqualTo("ProductionDate: must be YYYY-MM-DD, e.g. 2026-12-06, or empty");
            CallMethodResult started = ua.call("L1", "StartJobWithFields", "J-F3", "SKU-F", "B-F3", uint(3),
                    "STREAM", "QR", JobLabelFieldsIT.TITLE, "", date.toString());
            assertThat(started.getStatusCode().isGood()).as("%s", started).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> line.record().size() == 3);
            JobSpec kept = line.vault().job("J-F3").orElseThrow();
            assertThat(kept.productionDate()).isEqualTo(date);
            assertThat(kept.activation().productBrand()).as("an empty Brand is the line's default")
                    .isEqualTo("一物一码茶业");
            JobLabelFieldsIT.assertEveryLabelCarries(line, 3, JobLabelFieldsIT.TITLE, date);
        }
    }

}
