package io.yima.sim.cli;

import io.yima.sim.scanner.ReaderStyle;
import io.yima.sim.scanner.ScannerFaults;
import picocli.CommandLine.Option;

/** Scanner style and fault options shared by the scanner and printer commands. */
final class ScannerOptions {
    @Option(names = "--style", description = "keyence | cognex (default: ${DEFAULT-VALUE})", defaultValue = "keyence")
    ReaderStyle style;

    @Option(names = "--triggered", description = "read only on LON / ||>TRIGGER ON (default: every label)")
    boolean triggered;

    @Option(names = "--window", description = "triggered mode: ms a trigger waits for a label", defaultValue = "1000")
    long windowMillis;

    @Option(names = "--no-read-string", description = "no-read output (default: ERROR for keyence, NOREAD for cognex)")
    String noRead;

    @Option(names = "--no-read-rate", defaultValue = "0") double noReadRate;
    @Option(names = "--misread-rate", defaultValue = "0") double misreadRate;
    @Option(names = "--duplicate-rate", defaultValue = "0") double duplicateRate;
    @Option(names = "--delay-rate", defaultValue = "0") double delayRate;
    @Option(names = "--delay-ms", defaultValue = "200") long delayMillis;
    @Option(names = "--garbage-rate", defaultValue = "0") double garbageRate;
    @Option(names = "--disconnect-rate", defaultValue = "0") double disconnectRate;
    @Option(names = "--seed", description = "fault RNG seed", defaultValue = "1") long seed;

    ScannerFaults faults() {
        return new ScannerFaults(seed).noReadRate(noReadRate).misreadRate(misreadRate).duplicateRate(duplicateRate)
                .delayRate(delayRate, delayMillis).garbageRate(garbageRate).disconnectRate(disconnectRate);
    }
}
