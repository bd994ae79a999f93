package io.yima.sim.plc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The PLC emulator against a scripted edge; frames follow the example session in docs/plc-protocol.md. */
class PlcConversationIT {

    @Test
    void aScenarioRunsTheDocumentedSessionAndChecksOut() throws Exception {
        try (ScriptedEdge edge = new ScriptedEdge()) {
            PlcScenario scenario = new PlcScenario();
            PlcConversation plc = new PlcConversation("127.0.0.1", edge.port(), "PLC-A", 10_000, scenario);
            ScenarioSpec spec = new ScenarioSpec("J20261126-01", "SKU-42", "B7", 2, 50,
                    Map.of("brand", "Yima Tea"), 5000, "item-");
            CompletableFuture<ScenarioResult> run = runAsync(plc, scenario, spec);

            edge.accept();
            assertThat(edge.expect()).isEqualTo("HELLO,1,1,PLC-A");
            edge.send("ACK,1,YIMA,1,L1,");
            assertThat(edge.expect()).isEqualTo("START,2,J20261126-01,SKU-42,B7,2,brand=Yima%20Tea");
            edge.send("ACK,2,J20261126-01");
            assertThat(edge.expect()).isEqualTo("PRINT,3,item-000001");
            edge.send("ACK,3,item-000001,0", "PRINTED,1,item-000001,0", "OK,2,item-000001,0436Z31$0");
            assertThat(edge.expect()).isEqualTo("PRINT,4,item-000002");
            edge.send("NAK,4,BUSY");
            assertThat(edge.expect()).isEqualTo("PRINT,5,item-000002"); // retried with a new sequence number
            edge.send("ACK,5,item-000002,1", "PRINTED,3,item-000002,1", "REJECT,4,item-000002,NO_READ");
            assertThat(edge.expect()).isEqualTo("STOP,6");
            edge.send("ACK,6");
            assertThat(edge.expect()).isEqualTo("CLOSE,7");
            edge.send("ACK,7,J20261126-01", "CLOSED,5,J20261126-01,2,1,1,0");

            ScenarioResult result = run.get(10, TimeUnit.SECONDS);
            plc.close();

            assertThat(result.items()).extracting(ItemOutcome::item, ItemOutcome::index, ItemOutcome::result,
                    ItemOutcome::detail, ItemOutcome::results).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("item-000001", 0L, "OK", "0436Z31$0", 1),
                    org.assertj.core.groups.Tuple.tuple("item-000002", 1L, "REJECT", "NO_READ", 1));
            assertThat(result.closed().encode()).isEqualTo("CLOSED,5,J20261126-01,2,1,1,0");
            assertThat(ScenarioCheck.violations(result, Set.of("item-000002"))).isEmpty();
            assertThat(ScenarioCheck.violations(result, Set.of("item-000001")))
                    .containsExactly("item-000001: bound although the scanner could not read it");
            await().atMost(Duration.ofSeconds(5)).until(() -> edge.eventAcks.size() >= 4);
            assertThat(edge.eventAcks).startsWith("ACK,1", "ACK,2", "ACK,3", "ACK,4");
        }
    }

    @Test
    void afterALostLinkThePlcSaysHelloWithItsLastEventAndIgnoresReplays() throws Exception {
        try (ScriptedEdge edge = new ScriptedEdge()) {
            List<String> events = new CopyOnWriteArrayList<>();
            PlcConversation plc = new PlcConversation("127.0.0.1", edge.port(), "PLC-A", 10_000,
                    e -> events.add(e.encode()));
            CompletableFuture<Void> open = openAsync(plc);
            edge.accept();
            assertThat(edge.expect()).isEqualTo("HELLO,1,1,PLC-A");
            edge.send("ACK,1,YIMA,1,L1,J1");
            open.get(5, TimeUnit.SECONDS);
            edge.send("PRINTED,7,item-1,0", "REJECT,8,item-1,NO_READ");
            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);

            edge.drop();
            edge.accept();
            assertThat(edge.expect()).isEqualTo("HELLO,2,1,PLC-A,8");
            edge.send("ACK,2,YIMA,1,L1,J1", "REJECT,8,item-1,NO_READ", "OK,9,item-2,ABC");

            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
            assertThat(events).containsExactly("PRINTED,7,item-1,0", "REJECT,8,item-1,NO_READ", "OK,9,item-2,ABC");
            assertThat(plc.replays()).isEqualTo(1);
            assertThat(plc.reconnects()).isEqualTo(1);
            plc.close();
        }
    }

    @Test
    void aTriggerWhoseReplyWasLostIsRepeatedAfterHelloAndItsEventsArriveByReplay() throws Exception {
        try (ScriptedEdge edge = new ScriptedEdge()) {
            PlcScenario scenario = new PlcScenario();
            PlcConversation plc = new PlcConversation("127.0.0.1", edge.port(), "PLC-A", 10_000, scenario);
            ScenarioSpec spec = new ScenarioSpec("J1", "SKU", "B", 1, 10, Map.of(), 5000, "item-");
            CompletableFuture<ScenarioResult> run = runAsync(plc, scenario, spec);
            edge.accept();
            edge.expect();
            edge.send("ACK,1,YIMA,1,L1,");
            edge.expect();
            edge.send("ACK,2,J1");
            assertThat(edge.expect()).isEqualTo("PRINT,3,item-000001");
            edge.drop(); // the cable is pulled before the ACK goes out

            edge.accept();
            PlcFrame hello = PlcFrame.parse(edge.expect());
            assertThat(hello.encode()).as("HELLO before anything else").startsWith("HELLO,").endsWith(",1,PLC-A");
            edge.send("ACK," + hello.number() + ",YIMA,1,L1,J1", "PRINTED,1,item-000001,0",
                    "OK,2,item-000001,0436Z31$0");
            // the edge answers a repeated trigger with the index it issued (docs/plc-protocol.md)
            PlcFrame repeat = PlcFrame.parse(edge.expect());
            assertThat(repeat.encode()).isEqualTo("PRINT," + repeat.number() + ",item-000001");
            edge.send("ACK," + repeat.number() + ",item-000001,0");
            PlcFrame stop = PlcFrame.parse(edge.expect());
            assertThat(stop.command()).isEqualTo("STOP");
            edge.send("ACK," + stop.number());
            PlcFrame close = PlcFrame.parse(edge.expect());
            assertThat(close.command()).isEqualTo("CLOSE");
            edge.send("ACK," + close.number() + ",J1", "CLOSED,3,J1,1,1,0,0");

            ScenarioResult result = run.get(10, TimeUnit.SECONDS);
            plc.close();

            assertThat(result.items()).singleElement().satisfies(i -> {
                assertThat(i.result()).isEqualTo("OK");
                assertThat(i.results()).isEqualTo(1);
            });
            assertThat(ScenarioCheck.violations(result, Set.of())).isEmpty();
        }
    }

    @Test
    void anIdleLinkCarriesPings() throws Exception {
        try (ScriptedEdge edge = new ScriptedEdge()) {
            PlcConversation plc = new PlcConversation("127.0.0.1", edge.port(), "PLC-A", 200, e -> { });
            CompletableFuture<Void> open = openAsync(plc);
            edge.accept();
            edge.expect();
            edge.send("ACK,1,YIMA,1,L1,");
            open.get(5, TimeUnit.SECONDS);

            // ScriptedEdge answers PINGs itself; the next real request is the test's STATUS after a ping went by
            CompletableFuture<PlcFrame> status = CompletableFuture.supplyAsync(() -> {
                await().atMost(Duration.ofSeconds(5)).until(() -> plc.received().stream()
                        .anyMatch(f -> f.command().equals("ACK") && f.number() > 1));
                return plc.request("STATUS").join();
            });
            String request = edge.expect();
            assertThat(request).matches("STATUS,\\d+");
            edge.send("ACK," + request.split(",")[1] + ",RUNNING,J1,0,0,0,0,0");
            assertThat(status.get(5, TimeUnit.SECONDS).command()).isEqualTo("ACK");
            plc.close();
        }
    }

    private static CompletableFuture<Void> openAsync(PlcConversation plc) {
        return CompletableFuture.runAsync(() -> {
            try {
                plc.open(5000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static CompletableFuture<ScenarioResult> runAsync(PlcConversation plc, PlcScenario scenario,
                                                              ScenarioSpec spec) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                plc.open(5000);
                return scenario.run(plc, spec);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
