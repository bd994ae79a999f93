package io.yima.sim.cli;

import io.yima.common.UserFacingException;
import io.yima.sim.plc.ItemOutcome;
import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcScenario;
import io.yima.sim.plc.ScenarioCheck;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.plc.ScenarioSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yima-sim plc}: a line PLC running one job against the edge's PLC port, then a summary. */
@Command(name = "plc", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim plc --edge 127.0.0.1:7001 --items 100 --rate 5 --job J-1"},
        description = "Emulated line PLC: HELLO, START, PRINT triggers at a rate, STOP, CLOSE; prints the results.")
public final class PlcCommand implements Callable<Integer> {
    @Option(names = "--edge", description = "the edge's PLC port, host:port", required = true)
    String edge;

    @Option(names = "--items",
            description = "PRINT triggers to send (default: ${DEFAULT-VALUE})", defaultValue = "10")
    int items;
    @Option(names = "--rate", description = "triggers per second", defaultValue = "2") double rate;
    @Option(names = "--job",
            description = "job id sent in START (default: ${DEFAULT-VALUE})", defaultValue = "J-SIM-1")
    String job;
    @Option(names = "--sku",
            description = "SKU sent in START (default: ${DEFAULT-VALUE})", defaultValue = "SKU-1")
    String sku;
    @Option(names = "--batch",
            description = "batch sent in START (default: ${DEFAULT-VALUE})", defaultValue = "B1")
    String batch;
    @Option(names = "--symbol", description = "QR | MICROCODE", defaultValue = "QR") String symbol;
    @Option(names = "--plc-id",
            description = "the PLC name sent in HELLO (default: ${DEFAULT-VALUE})", defaultValue = "SIM-PLC")
    String plcId;
    @Option(names = "--settle-ms", description = "wait this long for outstanding results", defaultValue = "10000")
    long settle;

    @Override
    public Integer call() throws Exception {
        int colon = edge.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(edge.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new UserFacingException("--edge must be host:port, is '" + edge + "'");
        }
        String host = colon > 0 ? edge.substring(0, colon) : "127.0.0.1";
        PlcScenario scenario = new PlcScenario();
        Map<String, String> start = new LinkedHashMap<>();
        start.put("symbol", symbol);
        ScenarioResult r;
        try (PlcConversation plc = new PlcConversation(host, port, plcId, 2000, scenario)) {
            System.out.println("plc connecting to " + host + ":" + port);
            try {
                System.out.println("edge: " + plc.open(5000));
            } catch (java.io.IOException e) {
                throw new UserFacingException("cannot talk to the edge at " + edge + ": " + e.getMessage());
            }
            r = scenario.run(plc, new ScenarioSpec(job, sku, batch, items, rate, start, settle, "item-"));
        }
        Map<String, Integer> results = new TreeMap<>();
        for (ItemOutcome i : r.items()) {
            String key = i.result() == null ? "none" : i.result() + (i.result().equals("OK") ? "" : " " + i.detail());
            results.merge(key, 1, Integer::sum);
        }
        System.out.println("results: " + results);
        System.out.println("closed: " + r.closed());
        var violations = ScenarioCheck.violations(r, Set.of());
        violations.forEach(v -> System.out.println("violation: " + v));
        return violations.isEmpty() ? 0 : 1;
    }
}
