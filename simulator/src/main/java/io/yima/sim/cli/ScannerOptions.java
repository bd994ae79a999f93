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

    @Option(names = "--no-read-rate",
            description = "share of labels reported as no-read, 0..1 (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double noReadRate;
    @Option(names = "--misread-rate",
            description = "share of labels read as another code, 0..1 (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double misreadRate;
    @Option(names = "--duplicate-rate",
            description = "share of labels reported twice, 0..1 (default: ${DEFAULT-VALUE})", defaultValue = "0")
    double duplicateRate;
    @Option(names = "--delay-rate",
            description = "share of labels reported late, 0..1 (default: ${DEFAULT-VALUE})", defaultValue = "0")
    double delayRate;
    @Option(names = "--delay-ms",
            description = "how late a delayed read comes, milliseconds (default: ${DEFAULT-VALUE})",
            defaultValue = "200")
    long delayMillis;
    @Option(names = "--garbage-rate",
            description = "share of labels followed by a garbage frame, 0..1 (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double garbageRate;
    @Option(names = "--disconnect-rate",
            description = "share of labels after which the reader drops its connection, 0..1 (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double disconnectRate;
    @Option(names = "--seed", description = "fault RNG seed", defaultValue = "1") long seed;

    ScannerFaults faults() {
        return new ScannerFaults(seed).noReadRate(noReadRate).misreadRate(misreadRate).duplicateRate(duplicateRate)
                .delayRate(delayRate, delayMillis).garbageRate(garbageRate).disconnectRate(disconnectRate);
    }
}
