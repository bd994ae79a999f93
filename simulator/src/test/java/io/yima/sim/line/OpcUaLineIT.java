package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcFrame;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.milo.opcua.sdk.client.api.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.X509IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OPC UA server on a whole line (real edge, emulated printer and scanner, a PLC on the ASCII port triggering
 * items) seen through Eclipse Milo's client over a real socket with Basic256Sha256: who may log in, the node
 * tree, counters moving in a subscription while labels are printed and bound, a paper-out alarm and its clear,
 * and the job methods answering with the committed account the vault holds.
 */
class OpcUaLineIT {
    static final String PASSWORD = "line-7-Password";
    static UaClient.Identity app;

    @BeforeAll
    static void clientCertificate() throws Exception {
        app = UaClient.Identity.generate("yima-it-client");
    }

    /** A line with the OPC UA server on: user {@code mes} with {@link #PASSWORD}, the IT client trusted. */
    static LiveLine line(Path dir, int codes, Map<String, Object> extra) throws Exception {
        Path pki = dir.resolve("pki");
        app.trustIn(pki);
        Path password = dir.resolve("opcua.password");
        Files.writeString(password, PASSWORD + "\n");
        Map<String, Object> opcua = new LinkedHashMap<>();
        opcua.put("enabled", true);
        opcua.put("bind", "127.0.0.1");
        opcua.put("port", freePort());
        opcua.put("username", "mes");
        opcua.put("password_file", password.toString());
        opcua.put("pki_dir", pki.toString());
        opcua.putAll(extra);
        return new LiveLine(dir, codes, new ScannerFaults(1), Map.of("verify", Map.of("window", "20s")),
                Map.of("opcua", opcua));
    }

    static String url(LiveLine line) {
        return line.edge().opcuaEndpointUrl();
    }

    static UaClient mes(LiveLine line) throws Exception {
        return UaClient.connect(url(line), app, new UsernameProvider("mes", PASSWORD));
    }

    @Test
    void anonymousAndWrongPasswordsAreRefusedAndOnlySecuredEndpointsAcceptSessions(@TempDir Path dir)
            throws Exception {
        try (LiveLine line = line(dir, 50, Map.of())) {
            assertThat(UaClient.endpoints(url(line))).as("endpoints")
                    .anyMatch(e -> e.getSecurityPolicyUri().equals(SecurityPolicy.Basic256Sha256.getUri()))
                    .allMatch(e -> List.of(e.getUserIdentityTokens()).stream()
                            .noneMatch(t -> t.getPolicyId().equals("anonymous")));
            assertThatThrownBy(() -> UaClient.connect(url(line), SecurityPolicy.None, app,
                    new UsernameProvider("mes", PASSWORD)).close()).as("a session on the discovery endpoint")
                    .hasMessageContaining("Bad_SecurityPolicyRejected");
            assertThatThrownBy(() -> UaClient.connect(url(line), app, new AnonymousProvider()).close())
                    .as("anonymous: not even offered").hasMessageContaining("no anonymous token policy");
            assertThatThrownBy(() -> UaClient.connect(url(line), app, new UsernameProvider("mes", "wrong-pass"))
                    .close()).as("wrong password").hasMessageContaining("Bad_UserAccessDenied");
            assertThatThrownBy(() -> UaClient.connect(url(line), UaClient.Identity.generate("stranger"),
                    new UsernameProvider("mes", PASSWORD)).close()).as("an application the edge does not trust")
                    .hasMessageContaining("Bad_SecurityChecksFailed");
            assertThat(dir.resolve("pki/rejected")).as("the stranger's certificate, for a technician to trust")
                    .isDirectoryContaining(p -> p.getFileName().toString().endsWith(".der"));
            try (UaClient ua = mes(line)) {
                assertThat(ua.read("L1/StateName")).isEqualTo("Idle");
            }
        }
    }

    @Test
    void withCertificateUsersATrustedUserCertificateLogsInAndAnUnknownOneDoesNot(@TempDir Path dir)
            throws Exception {
        UaClient.Identity operator = UaClient.Identity.generate("operator-wang");
        operator.trustIn(dir.resolve("pki"));
        try (LiveLine line = line(dir, 20, Map.of("certificate_users", true))) {
            try (UaClient ua = UaClient.connect(url(line), app, new X509IdentityProvider(operator.certificate(),
                    operator.keyPair().getPrivate()))) {
                assertThat(ua.read("L1/StateName")).isEqualTo("Idle");
            }
            UaClient.Identity stranger = UaClient.Identity.generate("stranger-li");
            assertThatThrownBy(() -> UaClient.connect(url(line), app, new X509IdentityProvider(
                    stranger.certificate(), stranger.keyPair().getPrivate())).close()).as("untrusted user certificate")
                    .hasMessageContaining("Bad_UserAccessDenied");
        }
    }

    @Test
    void aJobStartedOverOpcUaRunsCountsInASubscriptionAndClosesWithTheVaultsAccount(@TempDir Path dir)
            throws Exception {
        int items = 40;
        try (LiveLine line = line(dir, 200, Map.of()); UaClient ua = mes(line)) {
            NodeId edge = ua.child(Identifiers.ObjectsFolder, "YimaEdge").orElseThrow();
            NodeId lines = ua.child(edge, "Lines").orElseThrow();
            NodeId l1 = ua.child(lines, "L1").orElseThrow();
            assertThat(ua.browseNames(l1)).contains("State", "StateName", "LineState", "Job", "Counters",
                    "LastResult", "Devices", "LastClosedJob", "StartJob", "StopJob", "CloseJob");
            assertThat(ua.browseNames(ua.child(l1, "Counters").orElseThrow()))
                    .containsExactlyInAnyOrder("Printed", "Bound", "Rejected", "Voided");
            assertThat(ua.browseNames(ua.child(l1, "Devices").orElseThrow()))
                    .containsExactlyInAnyOrder("Printer", "Scanner", "Vault");
            assertThat(ua.read("L1/Devices/Printer/State")).isEqualTo("ONLINE");
            assertThat(ua.read("L1/State")).isEqualTo(2); // PackML Idle

            UaSubscription sub = ua.subscription();
            List<Object> printed = ua.watch(sub, "L1/Counters/Printed");
            List<Object> bound = ua.watch(sub, "L1/Counters/Bound");
            List<Object> state = ua.watch(sub, "L1/StateName");

            CallMethodResult bad = ua.call("L1", "StartJob", "J-UA", "SKU\r\nFAKE", "B1", uint(items), "", "");
            assertThat(bad.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidArgument);
            assertThat(outputs(bad)).startsWith("BAD_ARGUMENT", "Sku: holds a control character");
            CallMethodResult tooMany = ua.call("L1", "StartJob", "J-UA", "SKU-UA", "B1", uint(20_000_000), "", "");
            assertThat(outputs(tooMany).get(1)).asString().contains("Quantity");

            CallMethodResult started = ua.call("L1", "StartJob", "J-UA", "SKU-UA", "B1", uint(items), "", "QR");
            assertThat(started.getStatusCode().isGood()).as("%s", started).isTrue();
            assertThat(outputs(started)).containsExactly("OK", "", "J-UA");
            assertThat(line.vault().jobReport("J-UA")).as("committed before the answer").isNotNull();
            assertThat(ua.read("L1/Job/Sku")).isEqualTo("SKU-UA");
            assertThat(ua.read("L1/Job/Quantity")).isEqualTo(uint(items));
            await().atMost(Duration.ofSeconds(5)).until(() -> state.contains("Execute"));

            CallMethodResult second = ua.call("L1", "StartJob", "J-OTHER", "SKU-UA", "B1", uint(5), "", "");
            assertThat(second.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidState);
            assertThat(outputs(second).get(0)).isEqualTo("JOB_OPEN");

            List<PlcFrame> results = new CopyOnWriteArrayList<>();
            try (PlcConversation plc = new PlcConversation("127.0.0.1", line.plcPort(), "UA-PLC", 1000, e -> {
                if (e.command().equals("OK") || e.command().equals("REJECT")) {
                    results.add(e);
                }
            })) {
                plc.open(5000);
                trigger(plc, 0, items / 2);
                // half the job bound, as the subscription reports it, before the second half is triggered
                await().atMost(Duration.ofSeconds(30)).until(() -> bound.contains(uint(items / 2)));
                trigger(plc, items / 2, items);
                await().atMost(Duration.ofSeconds(30)).until(() -> bound.contains(uint(items)));
                // the OPC UA counter and the PLC's result frames are two paths from the line: the last frames can
                // still be on their way when the counter shows; closing the PLC then would lose them
                await().atMost(Duration.ofSeconds(10)).until(() -> results.size() >= items);
            }
            assertThat(results).hasSize(items).allMatch(f -> f.command().equals("OK"));
            assertThat(printed).as("printed, as reported").contains(uint(items / 2), uint(items));
            assertThat(counts(bound)).as("bound never goes back").isSorted();
            assertThat(ua.read("L1/LastResult/Result")).isEqualTo("OK");
            assertThat(ua.read("L1/LastResult/Code")).asString().isNotEmpty();

            CallMethodResult stopped = ua.call("L1", "StopJob");
            assertThat(outputs(stopped)).containsExactly("OK", "", "J-UA");
            await().atMost(Duration.ofSeconds(5)).until(() -> state.contains("Stopped"));

            CallMethodResult closed = ua.call("L1", "CloseJob");
            assertThat(closed.getStatusCode().isGood()).isTrue();
            JobReport report = line.vault().jobReport("J-UA");
            assertThat(report.balanced()).isTrue();
            assertThat(outputs(closed)).containsExactly("OK", "", "J-UA", uint(report.printed()),
                    uint(report.bound()), uint(report.rejected()), uint(report.voidedAfterSent()));
            assertThat(report.bound()).isEqualTo(items);
            // the publisher thread sets the variables one after the other: JobId can show before Bound does
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(ua.read("L1/LastClosedJob/JobId")).isEqualTo("J-UA");
                assertThat(ua.read("L1/StateName")).isEqualTo("Idle");
                assertThat(ua.read("L1/LastClosedJob/Bound")).isEqualTo(uint(items));
            });
            // the vault's audit says who started, stopped and closed the job
            for (String kind : List.of("JOB_OPEN", "JOB_STOPPED", "JOB_CLOSED")) {
                assertThat(VaultAudit.bodies(line.vault(), kind)).as(kind).singleElement().asString()
                        .contains("\"by\":\"opcua user 'mes' at 127.0.0.1\"");
            }

            CallMethodResult again = ua.call("L1", "CloseJob");
            assertThat(again.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidState);
            assertThat(outputs(again).get(0)).isEqualTo("NO_JOB");
        }
    }

    @Test
    void paperOutRaisesAnAlarmHoldsTheLineAndLoadingPaperClearsIt(@TempDir Path dir) throws Exception {
        try (LiveLine line = line(dir, 50, Map.of()); UaClient ua = mes(line)) {
            UaSubscription sub = ua.subscription();
            List<Variant[]> serverEvents = ua.events(sub, Identifiers.Server);
            List<Variant[]> printerEvents = ua.events(sub, ua.node("L1/Devices/Printer"));
            List<Variant[]> scannerEvents = ua.events(sub, ua.node("L1/Devices/Scanner"));
            assertThat(ua.call("L1", "StartJob", "J-PAPER", "SKU-UA", "B1", uint(10), "", "").getStatusCode()
                    .isGood()).isTrue();

            line.printer().faults().paperOutAfter(0);
            await().atMost(Duration.ofSeconds(15)).until(() -> !printerEvents.isEmpty());
            Variant[] fault = printerEvents.get(0);
            assertThat(fault[0].getValue()).isEqualTo("L1/printer");
            assertThat(fault[1].getValue().toString()).containsIgnoringCase("paper");
            assertThat(fault[2].getValue()).isEqualTo(org.eclipse.milo.opcua.stack.core.types.builtin.unsigned
                    .Unsigned.ushort(700));
            assertThat(fault[3].getValue()).isEqualTo(true);
            assertThat(serverEvents).as("the Server object gets every alarm").isNotEmpty();
            // the alarm is sent at once; the device variables follow on the namespace's refresh tick
            // (State is set before Reason: both are read in the wait)
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(ua.read("L1/Devices/Printer/State")).isEqualTo("FAULT");
                assertThat(ua.read("L1/Devices/Printer/Reason")).asString().containsIgnoringCase("paper");
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> "Held".equals(ua.read("L1/StateName")));

            line.printer().faults().loadPaper();
            await().atMost(Duration.ofSeconds(15)).until(() -> printerEvents.size() >= 2);
            Variant[] clear = printerEvents.get(1);
            assertThat(clear[0].getValue()).isEqualTo("L1/printer");
            assertThat(clear[3].getValue()).as("inactive").isEqualTo(false);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(ua.read("L1/StateName")).isEqualTo("Execute");
                assertThat(ua.read("L1/Devices/Printer/Reason")).isEqualTo(""); // set after StateName
            });
            assertThat(scannerEvents).as("a printer alarm is not the scanner's").isEmpty();
        }
    }

    @Test
    void aVaultThatRefusesWritesIsAbortedWithAnAlarmRefusesMethodsVaultAndRecovers(@TempDir Path dir)
            throws Exception {
        try (LiveLine line = line(dir, 50, Map.of()); UaClient ua = mes(line);
             PlcSocket plc = new PlcSocket(line.plcPort())) {
            UaSubscription sub = ua.subscription();
            List<Variant[]> vaultEvents = ua.events(sub, ua.node("L1/Devices/Vault"));
            assertThat(outputs(ua.call("L1", "StartJob", "J-V", "SKU", "B", uint(10), "", "QR")).get(0))
                    .isEqualTo("OK");
            plc.call("HELLO,1,1,IT");
            assertThat(PlcSocket.last(plc.call("PRINT,2,item-1"))).startsWith("ACK,2,item-1,");

            writesFail(line.vault(), true);
            assertThat(PlcSocket.last(plc.call("PRINT,3,item-2"))).startsWith("NAK,3,VAULT,");
            await().atMost(Duration.ofSeconds(10)).until(() -> !vaultEvents.isEmpty());
            assertThat(vaultEvents.get(0)[0].getValue()).isEqualTo("L1/vault");
            assertThat(vaultEvents.get(0)[3].getValue()).isEqualTo(true);
            // the device variables are set after StateName on the publisher thread: read them in the wait too
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(ua.read("L1/StateName")).isEqualTo("Aborted");
                assertThat(ua.read("L1/State")).isEqualTo(8);
                assertThat(ua.read("L1/Devices/Vault/State")).isEqualTo("FAULT");
                assertThat(ua.read("L1/Devices/Vault/Reason")).asString().contains("full");
            });
            CallMethodResult stop = ua.call("L1", "StopJob");
            assertThat(stop.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_OutOfService);
            assertThat(outputs(stop).get(0)).isEqualTo("VAULT");

            writesFail(line.vault(), false);
            await().atMost(Duration.ofSeconds(15)).until(() -> vaultEvents.size() >= 2);
            assertThat(vaultEvents.get(1)[3].getValue()).as("cleared").isEqualTo(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> "Execute".equals(ua.read("L1/StateName")));
            assertThat(outputs(ua.call("L1", "StopJob")).get(0)).isEqualTo("OK");
        }
    }

    /** SQLite refuses the line's writes (as a full disk would), from a connection of the test's own (VaultFaultIT). */
    private static void writesFail(CodeVault vault, boolean fail) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vault.file());
             Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            String[][] targets = {{"event", "INSERT"}, {"code", "UPDATE"}, {"line_event", "INSERT"},
                    {"line_event_block", "INSERT"}, {"line_event_block", "UPDATE"}, {"job", "UPDATE"}};
            for (String[] t : targets) {
                String name = "fail_" + t[0] + "_" + t[1].toLowerCase();
                st.execute(fail
                        ? "CREATE TRIGGER " + name + " BEFORE " + t[1] + " ON " + t[0]
                                + " BEGIN SELECT RAISE(ABORT, 'database or disk is full (test)'); END"
                        : "DROP TRIGGER " + name);
            }
        }
    }

    private static void trigger(PlcConversation plc, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            PlcFrame reply = plc.call(10_000, "PRINT", "item-" + i);
            assertThat(reply.command()).as("PRINT item-%s: %s", i, reply.encode()).isEqualTo("ACK");
        }
    }

    private static List<Object> outputs(CallMethodResult r) {
        List<Object> out = new ArrayList<>();
        for (Variant v : r.getOutputArguments() == null ? new Variant[0] : r.getOutputArguments()) {
            out.add(v.getValue());
        }
        return out;
    }

    private static List<Long> counts(List<Object> values) {
        return values.stream().map(v -> ((UInteger) v).longValue()).toList();
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
