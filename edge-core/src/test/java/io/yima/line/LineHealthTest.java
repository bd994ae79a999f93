package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.CodeVault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why a line is held: one reason, the vault's first, then the technician's pause, the printer's, the scanner's. */
class LineHealthTest {
    @TempDir
    Path dir;
    CodeVault vault;
    LineEvents events;
    final List<LineEvent> heard = new ArrayList<>();
    final LineHealth health = new LineHealth("L1");

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("v.db"));
        events = new LineEvents("L1", vault);
        events.load();
        events.subscribe(heard::add);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    @Test
    void aLineStartsHeldUntilItsPrinterConnectsButNotForItsScanner() {
        assertThat(health.hold()).isEqualTo(new Hold(Hold.Cause.PRINTER, "not connected yet"))
                .hasToString("printer: not connected yet");
        assertThat(health.faulted()).isTrue();
        assertThat(health.clear()).isFalse();
        assertThat(health.printer.update(DeviceState.ONLINE, null, events)).isTrue();
        assertThat(health.hold()).isNull();
        assertThat(health.clear()).isTrue();
        assertThat(health.faulted()).isFalse();
        assertThat(heard).isEmpty(); // the first connection is no "cleared": no fault was told
    }

    @Test
    void aFaultedScannerHoldsTheLineWithItsReason() {
        health.printer.update(DeviceState.ONLINE, null, events);
        health.scanner.update(DeviceState.FAULT, "lens dirty", events);
        assertThat(health.hold()).isEqualTo(new Hold(Hold.Cause.SCANNER, "lens dirty"))
                .hasToString("scanner: lens dirty");
        assertThat(health.faulted()).isTrue();
        health.scanner.update(DeviceState.ONLINE, null, events);
        assertThat(health.faulted()).isFalse();
        assertThat(heard).extracting(e -> e.getClass().getSimpleName()).containsExactly("DeviceFault", "DeviceCleared");
    }

    @Test
    void theTechniciansPauseHoldsTheLineButIsNoDeviceFault() {
        health.printer.update(DeviceState.ONLINE, null, events);
        health.manualPause(true);
        assertThat(health.hold()).isEqualTo(Hold.TECHNICIAN).hasToString("paused by technician");
        assertThat(health.faulted()).isFalse();
        assertThat(health.clear()).isFalse();
        assertThat(health.hold().refusal()).isEqualTo(Refusal.PAUSED);
        health.manualPause(false);
        assertThat(health.hold()).isNull();
    }

    @Test
    void theVaultsFaultComesFirstThenThePauseThenThePrinterThenTheScanner() {
        health.scanner.update(DeviceState.OFFLINE, "cable out", events);
        assertThat(health.hold()).isEqualTo(new Hold(Hold.Cause.PRINTER, "not connected yet"))
                .hasToString("printer: not connected yet");
        health.manualPause(true);
        assertThat(health.hold()).isEqualTo(Hold.TECHNICIAN).hasToString("paused by technician");
        health.vault.update(DeviceState.FAULT, "disk full", events);
        assertThat(health.hold()).isEqualTo(new Hold(Hold.Cause.VAULT, "disk full")).hasToString("vault: disk full");
        assertThat(health.faulted()).isTrue();
        assertThat(health.hold().refusal()).as("a vault fault is the VAULT refusal").isEqualTo(Refusal.VAULT);

        health.vault.update(DeviceState.ONLINE, null, events);
        health.manualPause(false);
        health.printer.update(DeviceState.ONLINE, null, events);
        assertThat(health.hold()).isEqualTo(new Hold(Hold.Cause.SCANNER, "cable out"))
                .hasToString("scanner: cable out");
        assertThat(health.clear()).isFalse();
    }

    @Test
    void onlyTheVaultHoldingTheLineIsStillAFault() {
        health.printer.update(DeviceState.ONLINE, null, events);
        health.vault.update(DeviceState.FAULT, null, events); // no reason given: the state's name stands for it
        assertThat(health.faulted()).isTrue();
        assertThat(health.hold()).isEqualTo(new Hold(Hold.Cause.VAULT, "FAULT")).hasToString("vault: FAULT");
    }
}
