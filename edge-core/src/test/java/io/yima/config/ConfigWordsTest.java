package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.drivers.scanner.Trigger;
import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import org.junit.jupiter.api.Test;

/** Closed sets of words (printer language and graphic, scanner trigger, Modbus mode) read into enums. */
class ConfigWordsTest {
    private static final String LINE = """
            vault: { path: vault.db }
            applications: [ { id: 581865877 }, { id: 581865878 } ]
            lines:
              - id: L1
                application: 581865877
                printer: { uri: "tcp://127.0.0.1:9100", language: zpl, graphic: Z64 }
                scanner: { uri: "tcp://127.0.0.1:9004" }
                plc: { port: 7001 }
            """;

    private static EdgeConfig parse(String from, String to) {
        String yaml = LINE.replace(from, to);
        assertThat(yaml).as("the test edits the line").isNotEqualTo(LINE);
        return ConfigLoader.parse(yaml, null);
    }

    @Test
    void wordsAreReadInAnyLetterCase() {
        LineConfig l = parse("language: zpl, graphic: Z64", "language: TSPL, graphic: bitmap").lines().get(0);
        assertThat(l.printer().language()).isEqualTo(PrinterLanguage.TSPL);
        assertThat(l.printer().graphic()).isEqualTo(PrinterGraphic.BITMAP);
        LineConfig s = parse("uri: \"tcp://127.0.0.1:9004\"", "uri: \"tcp://127.0.0.1:9004\", trigger: keyence")
                .lines().get(0);
        assertThat(s.scanner().trigger()).isEqualTo(Trigger.KEYENCE);
        LineConfig m = parse("plc: { port: 7001 }", "plc: { port: 7001 }\n    modbus: { mode: Client, host: plc1 }")
                .lines().get(0);
        assertThat(m.modbus().mode()).isEqualTo(ModbusMode.CLIENT);
        assertThat(m.modbus().client()).isTrue();
    }

    @Test
    void leftOutWordsTakeTheirDefaults() {
        LineConfig l = parse("language: zpl, graphic: Z64", "status_poll: 1s").lines().get(0);
        assertThat(l.printer().language()).isEqualTo(PrinterLanguage.ZPL);
        assertThat(l.printer().graphicOrDefault()).isEqualTo(PrinterGraphic.Z64);
        assertThat(l.scanner().trigger()).isEqualTo(Trigger.NONE);
    }

    @Test
    void aWrongWordIsRefusedNamingTheFieldAndTheWordsAllowed() {
        assertThatThrownBy(() -> parse("language: zpl", "language: tsc"))
                .hasMessage("lines[0].printer.language: 'tsc' is not one of escpos, tspl, zpl (line 6, column 45)");
        assertThatThrownBy(() -> parse("graphic: Z64", "graphic: Z65"))
                .hasMessageStartingWith("lines[0].printer.graphic: 'Z65' is not one of BITMAP, HEX, NATIVE, RLE, Z64");
        assertThatThrownBy(() -> parse("uri: \"tcp://127.0.0.1:9004\"", "uri: \"tcp://127.0.0.1:9004\", trigger: datalogic"))
                .hasMessageStartingWith("lines[0].scanner.trigger: 'datalogic' is not one of COGNEX, KEYENCE, NONE");
        assertThatThrownBy(() -> parse("language: zpl", "language: [zpl]"))
                .hasMessageStartingWith("lines[0].printer.language: expected one of escpos, tspl, zpl");
        assertThatThrownBy(() -> parse("plc: { port: 7001 }", "plc: { port: 7001 }\n    modbus: { mode: master }"))
                .hasMessageStartingWith("lines[0].modbus.mode: required: server (the PLC connects to the edge) or"
                        + " client (the edge polls the PLC) (got 'master')");
    }

    /** The case reader's trigger was checked by nobody: a wrong word stopped the line when it opened the reader. */
    @Test
    void theCaseScannersTriggerIsCheckedToo() {
        String packing = """
                plc: { port: 7001 }
                    packing:
                      mode: count
                      per_case: 4
                      case_codes: { source: wechat, application: 581865878 }
                      case_printer: { uri: "tcp://127.0.0.1:9101" }
                      case_scanner: { uri: "tcp://127.0.0.1:9005", trigger: %s }
                """;
        assertThat(parse("plc: { port: 7001 }", packing.formatted("cognex").strip()).lines().get(0).packing()
                .caseScanner().trigger()).isEqualTo(Trigger.COGNEX);
        assertThatThrownBy(() -> parse("plc: { port: 7001 }", packing.formatted("sick").strip()))
                .hasMessageStartingWith("lines[0].packing.case_scanner.trigger: 'sick' is not one of COGNEX, KEYENCE,"
                        + " NONE");
    }
}
