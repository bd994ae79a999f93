package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lines[].packing section: off when absent, read when present, each bad setting named in words. */
class PackingConfigTest {
    private static final String PLC = "plc: { port: 7001, heartbeat: 2s }";
    private static final String APPS = "applications: [ { id: 581865877, key_file: keys/app.key } ]";
    private static final String DEVICES = "case_printer: { uri: \"tcp://127.0.0.1:9101\" },"
            + " case_scanner: { uri: \"tcp://127.0.0.1:9005\" }";

    private static EdgeConfig with(String packing) {
        return ConfigLoader.parse(ConfigLoaderTest.GOOD
                .replace(APPS, "applications: [ { id: 581865877, key_file: keys/app.key },"
                        + " { id: 700000001, key_file: keys/case.key } ]")
                .replace(PLC, PLC + "\n    packing: " + packing), null);
    }

    @Test
    void packingIsOffUnlessConfigured() {
        assertThat(ConfigLoader.parse(ConfigLoaderTest.GOOD, null).lines().get(0).packing()).isNull();
    }

    @Test
    void countModeWithWechatCaseCodesReadsEverySetting() {
        LineConfig.Packing p = with("{ mode: count, per_case: 12, case_codes: { source: wechat,"
                + " application: 700000001 }, " + DEVICES + ", case_window: 3s }").lines().get(0).packing();
        assertThat(p.packingMode()).isEqualTo(LineConfig.Packing.PackingMode.COUNT);
        assertThat(p.perCase()).isEqualTo(12);
        assertThat(p.caseCodes().wechat()).isTrue();
        assertThat(p.caseCodes().application()).isEqualTo(700000001L);
        assertThat(p.casePrinter().uri()).isEqualTo("tcp://127.0.0.1:9101");
        assertThat(p.caseScanner().uri()).isEqualTo("tcp://127.0.0.1:9005");
        assertThat(p.caseWindow()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void scanModeWithSsccCaseCodes() {
        LineConfig.Packing p = with("{ mode: SCAN, per_case: 6, case_codes: { source: sscc, company_prefix: \"0614141\","
                + " extension: 3 }, " + DEVICES + " }").lines().get(0).packing();
        assertThat(p.packingMode()).isEqualTo(LineConfig.Packing.PackingMode.SCAN);
        assertThat(p.caseCodes().wechat()).isFalse();
        assertThat(p.caseCodes().companyPrefix()).isEqualTo("0614141");
        assertThat(p.caseWindow()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void palletsTakeTheirSsccPrefixFromTheCaseCodesAndMayHaveAPrinterOfTheirOwn() {
        LineConfig.Packing p = with("{ mode: count, per_case: 12, per_pallet: 5, case_codes: { source: wechat,"
                + " application: 700000001, company_prefix: \"0614141\" }, " + DEVICES
                + ", pallet_printer: { uri: \"tcp://127.0.0.1:9102\" } }").lines().get(0).packing();
        assertThat(p.perPallet()).isEqualTo(5);
        assertThat(p.caseCodes().wechat()).isTrue();
        assertThat(p.caseCodes().companyPrefix()).isEqualTo("0614141");
        assertThat(p.palletPrinter().uri()).isEqualTo("tcp://127.0.0.1:9102");
        assertThat(with("{ mode: count, per_case: 12, per_pallet: 5, case_codes: { source: sscc, company_prefix:"
                + " \"0614141\" }, " + DEVICES + " }").lines().get(0).packing().palletPrinter()).isNull();
    }

    @Test
    void aPalletScannerIsOptionalAndItsWindowDefaultsToThirtySeconds() {
        String sscc = "{ mode: count, per_case: 12, per_pallet: 5, case_codes: { source: sscc, company_prefix:"
                + " \"0614141\" }, " + DEVICES;
        LineConfig.Packing without = with(sscc + " }").lines().get(0).packing();
        assertThat(without.palletScanner()).isNull();
        assertThat(without.palletWindow()).as("no pallet reader, no window").isNull();
        LineConfig.Packing p = with(sscc + ", pallet_scanner: { uri: \"listen://0.0.0.0:9006\", allow:"
                + " [ 10.20.1.0/24 ] } }").lines().get(0).packing();
        assertThat(p.palletScanner().uri()).isEqualTo("listen://0.0.0.0:9006");
        assertThat(p.palletWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(with(sscc + ", pallet_scanner: { uri: \"tcp://127.0.0.1:9006\" }, pallet_window: 2m }").lines()
                .get(0).packing().palletWindow()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void badPalletScannerSettingsAreRefusedNamingTheField() {
        String sscc = "{ mode: count, per_case: 12, per_pallet: 5, case_codes: { source: sscc, company_prefix:"
                + " \"0614141\" }, " + DEVICES;
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, case_codes: { source: sscc, company_prefix:"
                + " \"0614141\" }, " + DEVICES + ", pallet_scanner: { uri: \"tcp://127.0.0.1:9006\" } }"))
                .hasMessageStartingWith("lines[0].packing.pallet_scanner: is for a line that builds pallets");
        assertThatThrownBy(() -> with(sscc + ", pallet_window: 30s }"))
                .hasMessageStartingWith("lines[0].packing.pallet_window: is for a line with a pallet_scanner");
        assertThatThrownBy(() -> with(sscc + ", pallet_scanner: { uri: \"tcp://127.0.0.1:9005\" } }"))
                .hasMessageStartingWith("lines[0].packing.pallet_scanner.uri: is the item or case reader's"
                        + " tcp://127.0.0.1:9005");
        assertThatThrownBy(() -> with(sscc + ", pallet_scanner: { uri: \"http://127.0.0.1:9006\" } }"))
                .hasMessageStartingWith("lines[0].packing.pallet_scanner.uri:");
        assertThatThrownBy(() -> with(sscc + ", pallet_scanner: { uri: \"tcp://127.0.0.1:9006\", max_frame: 40000 } }"))
                .hasMessageStartingWith("lines[0].packing.pallet_scanner.max_frame: must be 16 to 32768 bytes");
        assertThatThrownBy(() -> with(sscc + ", pallet_scanner: { uri: \"tcp://127.0.0.1:9006\", allow: [ 10.0.0.1 ] } }"))
                .hasMessageStartingWith("lines[0].packing.pallet_scanner.allow: only for a listen:// scanner");
        assertThatThrownBy(() -> with(sscc + ", pallet_scanner: { uri: \"tcp://127.0.0.1:9006\" },"
                + " pallet_window: 500ms }"))
                .hasMessageStartingWith("lines[0].packing.pallet_window: 500ms is too short (at least 1s)");
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        String wechat = "case_codes: { source: wechat, application: 700000001 }";
        assertThatThrownBy(() -> with("{ mode: pile, per_case: 12, " + wechat + ", " + DEVICES + " }"))
                .hasMessageStartingWith("lines[0].packing.mode: 'pile' is not one of COUNT, SCAN");
        assertThatThrownBy(() -> with("{ mode: count, " + wechat + ", " + DEVICES + " }"))
                .hasMessageStartingWith("lines[0].packing.per_case: required: how many items go into one case");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 0, " + wechat + ", " + DEVICES + " }"))
                .hasMessageStartingWith("lines[0].packing.per_case: must be 1 to 1000 items");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, per_pallet: 0, " + wechat + ", " + DEVICES + " }"))
                .hasMessageStartingWith("lines[0].packing.per_pallet: must be 1 to 1000 cases");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, per_pallet: 5, " + wechat + ", " + DEVICES + " }"))
                .hasMessageStartingWith("lines[0].packing.case_codes.company_prefix: required with per_pallet: pallets"
                        + " get SSCC-18 codes");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, " + wechat + ", " + DEVICES
                + ", pallet_printer: { uri: \"tcp://127.0.0.1:9102\" } }"))
                .hasMessageStartingWith("lines[0].packing.pallet_printer: is for a line that builds pallets");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, per_pallet: 5, case_codes: { source: sscc,"
                + " company_prefix: \"0614141\" }, " + DEVICES + ", pallet_printer: { uri: \"tcp://127.0.0.1:9101\" } }"))
                .hasMessageStartingWith("lines[0].packing.pallet_printer.uri: is the item or case printer's");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, " + DEVICES + " }"))
                .hasMessageStartingWith("lines[0].packing.case_codes.source: required: wechat");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, case_codes: { source: wechat }, " + DEVICES + " }"))
                .hasMessageStartingWith("lines[0].packing.case_codes.application: required for wechat case codes");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, case_codes: { source: wechat, application: 5 }, "
                + DEVICES + " }"))
                .hasMessageStartingWith("lines[0].packing.case_codes.application: application 5 is not listed");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, case_codes: { source: wechat, application:"
                + " 581865877 }, " + DEVICES + " }"))
                .hasMessageStartingWith("lines[0].packing.case_codes.application: is the line's item application");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, case_codes: { source: sscc, company_prefix: 12ab },"
                + " " + DEVICES + " }"))
                .hasMessageStartingWith("lines[0].packing.case_codes.company_prefix: required for sscc case codes: the"
                        + " brand's GS1 company prefix, 7 to 10 digits (got '12ab')");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, case_codes: { source: sscc, company_prefix:"
                + " \"0614141\", extension: 12 }, " + DEVICES + " }"))
                .hasMessageStartingWith("lines[0].packing.case_codes.extension: must be one digit, 0 to 9");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, " + wechat + " }"))
                .hasMessageStartingWith("lines[0].packing.case_printer: required: the printer of the case labels");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, " + wechat + ", case_printer: { uri:"
                + " \"tcp://127.0.0.1:9100\" }, case_scanner: { uri: \"tcp://127.0.0.1:9005\" } }"))
                .hasMessageStartingWith("lines[0].packing.case_printer.uri: is the item printer's");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, " + wechat + ", case_printer: { uri:"
                + " \"tcp://127.0.0.1:9101\" } }"))
                .hasMessageStartingWith("lines[0].packing.case_scanner: required");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, " + wechat + ", " + DEVICES + ", case_window: 5ms }"))
                .hasMessageStartingWith("lines[0].packing.case_window: 5ms is too short (at least 100ms)");
        assertThatThrownBy(() -> with("{ mode: count, per_case: 12, " + wechat + ", " + DEVICES
                + ", case_label: { dpi: 250 } }"))
                .hasMessageStartingWith("lines[0].packing.case_label.dpi: 250 is not one of 203, 300, 600");
    }
}
