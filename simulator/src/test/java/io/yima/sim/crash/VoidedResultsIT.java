package io.yima.sim.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.plc.PlcFrame;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every item the PLC triggered gets a result, also when the edge is killed (SIGKILL) while its vault refuses
 * writes: the results of the labels then on their way wait in the edge's memory and die with it; start-up
 * recovery voids their codes and journals REJECT VOIDED for each, which the PLC receives after its HELLO.
 * The edge runs as its own process; printer, belt, scanner and PLC live in this JVM.
 */
class VoidedResultsIT {
    @TempDir
    Path dir;

    /** SQLite refuses every change the edge makes, as a full disk would (see VaultFaultIT). */
    private static void writesFail(Path vault, boolean fail) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vault); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            String[][] targets = {{"event", "INSERT"}, {"code", "UPDATE"}, {"line_event", "INSERT"},
                    {"line_event_block", "INSERT"}, {"line_event_block", "UPDATE"}};
            for (String[] t : targets) {
                String name = "fail_" + t[0] + "_" + t[1].toLowerCase();
                st.execute(fail
                        ? "CREATE TRIGGER " + name + " BEFORE " + t[1] + " ON " + t[0]
                                + " BEGIN SELECT RAISE(ABORT, 'database or disk is full (test)'); END"
                        : "DROP TRIGGER " + name);
            }
        }
    }

    private static Set<String> itemsWithAResult(List<PlcFrame> events) {
        Set<String> items = new HashSet<>();
        for (PlcFrame e : events) {
            if (e.command().equals("OK") || e.command().equals("REJECT")) {
                items.add(e.field(2));
            }
        }
        return items;
    }

    /** True while some item's label is PRINTED and its result (OK or REJECT) has not come yet. */
    private static boolean onTheirWay(List<PlcFrame> events) {
        Set<String> printed = new HashSet<>();
        for (PlcFrame e : List.copyOf(events)) {
            if (e.command().equals("PRINTED")) {
                printed.add(e.field(2));
            }
        }
        printed.removeAll(itemsWithAResult(List.copyOf(events)));
        return !printed.isEmpty();
    }

    @Test
    void killedDuringAVaultFaultTheEdgeGivesEveryTriggeredItemAResultAfterTheRestart() throws Exception {
        Path vaultFile = dir.resolve("vault.db");
        TortureLine.seed(vaultFile, 1, dir);
        TortureLine line = new TortureLine(dir, vaultFile);
        TorturePlc plc = line.plc();
        try (line) {
            line.trial("VOIDED-1", new Random(19), edge -> {
                // The fault must catch labels on their way. The scanner now takes 3 s per read (inside the 5 s
                // verify window), so printed labels queue unread behind it; the reads that still arrive fail to
                // bind on the refusing vault and stop the line, with the labels behind them still unread.
                line.scannerFaults().delayRate(1.0, 3_000);
                await("two printed labels waiting for their reads").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> line.labelsUnread() >= 2 && onTheirWay(plc.events));
                writesFail(vaultFile, true);
                await("the vault FAULT at the PLC").atMost(Duration.ofSeconds(30)).until(() -> plc.events.stream()
                        .anyMatch(e -> e.command().equals("FAULT") && e.field(2).equals("vault")));
                assertThat(onTheirWay(plc.events)).as("labels on their way at the kill").isTrue();
                edge.kill(); // labels on their way: their results never reach the vault
                writesFail(vaultFile, false);
                line.scannerFaults().delayRate(0, 0);
                edge.start();
            });
        }

        assertThat(plc.issued).hasSizeGreaterThan(TortureLine.QUANTITY / 2);
        assertThat(itemsWithAResult(plc.events)).as("an OK or REJECT for every item the edge acknowledged")
                .containsAll(plc.issued);
        assertThat(plc.events).as("the labels on their way at the kill")
                .anyMatch(e -> e.command().equals("REJECT") && e.field(3).equals("VOIDED"));
        assertThat(line.problems()).isEmpty();
    }
}
