package io.yima.sim.line;

import static io.yima.sim.line.ModbusConversationIT.COMMAND;
import static io.yima.sim.line.ModbusConversationIT.COMMAND_ECHO;
import static io.yima.sim.line.ModbusConversationIT.MAP_VERSION;
import static io.yima.sim.line.ModbusConversationIT.OK;
import static io.yima.sim.line.ModbusConversationIT.PLC_HEARTBEAT;
import static io.yima.sim.line.ModbusConversationIT.TRIGGER;
import static io.yima.sim.line.ModbusConversationIT.TRIGGER_ECHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.packing.PackingLine;
import io.yima.sim.scanner.ScanRecord;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.PackLevel;
import io.yima.vault.PackUnit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Map version 2 over Modbus TCP on a packing line (count mode, two items a case): the edge shows map version 2,
 * a CLOSE_CASE command (code 4) closes the short last case, and case results arrive in the result slots with the
 * case number as the item and code 40 (packed) or 46 (CASE_NO_READ), as the case scanner's record calls for.
 */
class ModbusPackingIT {
    static final int CMD_CLOSE_CASE = 4;
    static final int CMD_CLOSE_PALLET = 5;
    static final int CASE_PACKED = 40;
    static final int CASE_NO_READ = 46;

    @Test
    void casesCloseByCountAndByCommandAndTheirResultsFillTheSlots(@TempDir Path dir) throws Exception {
        Map<String, Object> modbus = Map.of("modbus", Map.of("mode", "server", "bind", "127.0.0.1", "port", 0));
        try (PackingLine line = new PackingLine(dir, 20, 2, new ScannerFaults(1), new ScannerFaults(3).noReadRate(0.5),
                null, Duration.ofSeconds(3), modbus);
             ModbusScript plc = new ModbusScript(line.edge.modbusPort(PackingLine.LINE))) {
            plc.write(PLC_HEARTBEAT, 1, 0, 0, 0, 0, 0).awaitRead(MAP_VERSION, 2);
            plc.write(COMMAND, ModbusConversationIT.start(1, 5, "J-MB-PACK", "SKU-42", "B7"))
                    .awaitRead(COMMAND_ECHO, 1, OK);
            for (int item = 1; item <= 5; item++) {
                plc.write(TRIGGER, item, 0, item).awaitRead(TRIGGER_ECHO, item, OK);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> ModbusConversationIT.results(plc).stream()
                    .filter(s -> s[2] == OK).count() == 5);
            // the packer closes the short last case: command 4
            plc.write(COMMAND, 2, CMD_CLOSE_CASE).awaitRead(COMMAND_ECHO, 2, OK);
            await().atMost(Duration.ofSeconds(20)).until(() -> ModbusConversationIT.results(plc).size() == 8);

            List<long[]> slots = ModbusConversationIT.results(plc);
            assertThat(slots.stream().filter(s -> s[2] == OK).map(s -> s[1])).containsExactly(1L, 2L, 3L, 4L, 5L);
            List<long[]> cases = slots.stream().filter(s -> s[2] != OK).toList();
            assertThat(cases).extracting(s -> s[1]).containsExactly(1L, 2L, 3L);
            List<ScanRecord> reads = line.caseReader.records();
            int packed = 0;
            for (long[] c : cases) {
                ScanRecord read = reads.get((int) c[1] - 1);
                assertThat(c[2]).as("case %s, its label %s", c[1], read.injected())
                        .isEqualTo(read.edgeCannotHaveRead() ? (long) CASE_NO_READ : (long) CASE_PACKED);
                packed += c[2] == CASE_PACKED ? 1 : 0;
            }
            List<PackUnit> units = line.vault().packing().units("J-MB-PACK", PackLevel.CASE);
            assertThat(units).hasSize(packed);
            assertThat(units.stream().mapToInt(u -> u.children().size()).sum())
                    .isEqualTo(cases.stream().filter(c -> c[2] == CASE_PACKED).mapToInt(c -> c[1] == 3 ? 1 : 2).sum());
        }
    }

    @Test
    void closePalletCommandPacksTheCasesPackedSoFarOntoAPallet(@TempDir Path dir) throws Exception {
        Map<String, Object> settings = Map.of("modbus", Map.of("mode", "server", "bind", "127.0.0.1", "port", 0),
                "packing", Map.of("per_pallet", 3));
        try (PackingLine line = new PackingLine(dir, 20, 2, new ScannerFaults(1), new ScannerFaults(3), null,
                Duration.ofSeconds(5), settings);
             ModbusScript plc = new ModbusScript(line.edge.modbusPort(PackingLine.LINE))) {
            plc.write(PLC_HEARTBEAT, 1, 0, 0, 0, 0, 0).awaitRead(MAP_VERSION, 2);
            plc.write(COMMAND, ModbusConversationIT.start(1, 4, "J-MB-PAL", "SKU-42", "B7"))
                    .awaitRead(COMMAND_ECHO, 1, OK);
            for (int item = 1; item <= 4; item++) {
                plc.write(TRIGGER, item, 0, item).awaitRead(TRIGGER_ECHO, item, OK);
            }
            // 4 items, 2 cases packed: fewer than the 3 a pallet takes
            await().atMost(Duration.ofSeconds(20)).until(() -> ModbusConversationIT.results(plc).stream()
                    .filter(s -> s[2] == CASE_PACKED).count() == 2);
            assertThat(line.vault().packing().units("J-MB-PAL", PackLevel.PALLET)).isEmpty();
            plc.write(COMMAND, 2, CMD_CLOSE_PALLET).awaitRead(COMMAND_ECHO, 2, OK);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    line.vault().packing().units("J-MB-PAL", PackLevel.PALLET).size() == 1);
            PackUnit pallet = line.vault().packing().units("J-MB-PAL", PackLevel.PALLET).get(0);
            assertThat(pallet.children()).containsExactlyElementsOf(line.vault().packing()
                    .units("J-MB-PAL", PackLevel.CASE).stream().map(PackUnit::code).toList());
            assertThat(pallet.children()).hasSize(2);
        }
    }
}
