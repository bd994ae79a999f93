package io.yima.sim.rig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole line — real edge in-process, emulated printer, conveyor, scanner with no-reads and misreads — driven by
 * the Modbus PLC emulator (1 % of items with their first trigger write lost, 3 % triggered twice), with the edge as Modbus
 * server and as client polling the emulated PLC. Judged by the
 * printer's label record, the scanner's ground truth and the job's closing account.
 */
class ModbusRigIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = PlcProtocol.class, names = {"MODBUS_SERVER", "MODBUS_CLIENT"})
    void aModbusPlcRunsAJobWithNoDuplicateAndBalancedAccounts(PlcProtocol protocol) throws Exception {
        Files.createDirectories(dir);
        VaultSeed.importForged(dir.resolve("vault.db"), 581865877L, 300, dir);
        RigSpec spec = RigSpec.defaults(dir, 200, 40).withScannerFaults(0.05, 0.02, 0.02);

        LineRig rig = new LineRig(spec, new InProcessEdge(), null).plc(protocol).modbusFaults(0.01, 0.03);
        RigReport r = rig.run(dir.resolve("report.json"));

        assertThat(rig.modbusFaultsInjected()).as("trigger writes lost, items triggered twice")
                .satisfies(f -> assertThat(f[0]).isPositive(), f -> assertThat(f[1]).isPositive());

        assertThat(r.violations()).as(protocol.word()).isEmpty();
        assertThat(r.items()).isEqualTo(200);
        assertThat(r.printed()).as("triggers answered OK").isEqualTo(200);
        assertThat(r.labelsPrinted()).as("labels off the printer").isEqualTo(200);
        assertThat(r.duplicatesPrinted()).isZero();
        assertThat(r.codesUnaccounted()).isZero();
        long rejected = r.rejectedByReason().values().stream().mapToLong(Long::longValue).sum();
        assertThat(r.bound() + rejected).as("every item has its one result").isEqualTo(200);
        assertThat(r.rejectedByReason()).containsKey("NO_READ");
        assertThat(r.voided()).isZero();
        assertThat(r.naks()).isZero();
    }
}
