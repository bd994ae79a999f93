package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.drivers.scanner.Trigger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A line's sections check themselves ({@code problems()}), each problem naming its field under the path it is given,
 * with no aggregate around them: what the file-wide check adds is only what spans sections.
 */
class SectionProblemsTest {
    private static final int BLOCK = 167;

    @Test
    void aPrinterNamesItsUriFirst() {
        LineConfig.Printer p = new LineConfig.Printer("lpt://x", null, null, null, null, null, null, 0);
        assertThat(p.problems("lines[2].printer")).containsExactly(
                "lines[2].printer.uri: unsupported scheme 'lpt' (use serial, tcp)",
                "lines[2].printer.max_ahead: must be 1 to 1000 labels");
    }

    @Test
    void aScannerNamesItsUriAndTheFenceOfAListeningPort() {
        assertThat(new LineConfig.Scanner("tcp://10.0.0.5", null, null, null).problems("lines[0].scanner"))
                .containsExactly("lines[0].scanner.uri: 'tcp://10.0.0.5' needs a host and a port");
        assertThat(new LineConfig.Scanner("tcp://10.0.0.5:9004", null, Trigger.NONE, null, List.of("10.0.0.7"), null)
                .problems("lines[0].packing.case_scanner")).containsExactly("lines[0].packing.case_scanner.allow:"
                + " only for a listen:// scanner (the reader connects to the edge); this one is tcp://10.0.0.5:9004");
        assertThat(new LineConfig.Scanner("listen://0.0.0.0:9004", null, null, null, List.of("10.0.0.0/24"), 17)
                .problems("lines[0].scanner")).containsExactly("lines[0].scanner.max_connections: must be between 1"
                + " and 16");
        assertThat(new LineConfig.Scanner("listen://0.0.0.0:9004", null, null, null, List.of("10.0.0.0/24"), 2)
                .problems("lines[0].scanner")).isEmpty();
    }

    @Test
    void aLabelNamesEachOfItsOwnFields() {
        LineConfig.Label l = new LineConfig.Label(0.0, 20.0, 250, "BARCODE", -1.0, null, null, null, null, null);
        assertThat(l.problems("lines[1].label")).containsExactly(
                "lines[1].label.width_mm: must be greater than 0",
                "lines[1].label.size_mm: must be greater than 0",
                "lines[1].label.dpi: 250 is not one of 203, 300, 600",
                "lines[1].label.symbol: 'BARCODE' is not one of MICROCODE, QR");
    }

    @Test
    void aModbusSectionNamesItsFieldsAndLeavesItsPortAmongTheOthersToTheFile() {
        LineConfig.Modbus client = new LineConfig.Modbus(ModbusMode.CLIENT, null, null, 300, "plc1",
                Duration.ofSeconds(11), 65500, null, null);
        assertThat(client.problems("lines[0].modbus", BLOCK)).containsExactly(
                "lines[0].modbus.unit_id: must be between 0 and 255",
                "lines[0].modbus.base: must be between 0 and 65369 (the block is 167 registers)",
                "lines[0].modbus.poll: 11s is too long (at most 10s)");
        assertThat(new LineConfig.Modbus(ModbusMode.SERVER, null, 7001, null, null, null, null, null, null)
                .problems("lines[0].modbus", BLOCK)).isEmpty();
        assertThat(new LineConfig.Modbus(null, null, null, null, null, null, null, null, null)
                .problems("lines[3].modbus", BLOCK)).containsExactly("lines[3].modbus.mode: required: server (the"
                + " PLC connects to the edge) or client (the edge polls the PLC)");
    }

    @Test
    void jobDefaultsNameTheWxaType() {
        assertThat(new LineConfig.JobDefaults(null, null, null, null, null, null, null, 3).problems(
                "lines[0].job_defaults")).containsExactly("lines[0].job_defaults.wxa_type: must be 0 (release),"
                + " 1 (develop) or 2 (trial)");
    }
}
