package io.yima.sim.rig;

import io.yima.sim.printer.PrinterLanguage;
import java.nio.file.Path;

/**
 * One rig run: the line's shape, the load and the injected fault rates.
 *
 * @param workDir        where the edge config, vault, printer record and labels go
 * @param symbol         QR or MICROCODE, passed to the edge in START
 * @param applicationId  the WeChat application the line issues from (edge config {@code applications})
 * @param keyFile        that application's package key file; null = omitted from the config
 * @param upstreamUrl    base URL of the WeChat API emulator; null = omitted
 * @param secretFile     app secret file for the upstream; null = omitted
 */
public record RigSpec(Path workDir, int items, double itemsPerSecond, PrinterLanguage language, String symbol,
                      long applicationId, Path keyFile, String upstreamUrl, Path secretFile,
                      double noReadRate, double misreadRate, double duplicateRate, double delayRate,
                      double garbageRate, double disconnectRate, long seed, long settleMillis) {

    public static RigSpec defaults(Path workDir, int items, double itemsPerSecond) {
        return new RigSpec(workDir, items, itemsPerSecond, PrinterLanguage.ZPL, "QR", 581865877L, null, null, null,
                0, 0, 0, 0, 0, 0, 1, 10_000);
    }

    public RigSpec withScannerFaults(double noRead, double misread, double duplicate) {
        return new RigSpec(workDir, items, itemsPerSecond, language, symbol, applicationId, keyFile, upstreamUrl,
                secretFile, noRead, misread, duplicate, delayRate, garbageRate, disconnectRate, seed, settleMillis);
    }

    public RigSpec withLanguage(PrinterLanguage printerLanguage) {
        return new RigSpec(workDir, items, itemsPerSecond, printerLanguage, symbol, applicationId, keyFile, upstreamUrl,
                secretFile, noReadRate, misreadRate, duplicateRate, delayRate, garbageRate, disconnectRate, seed,
                settleMillis);
    }

    public RigSpec withSettleMillis(long millis) {
        return new RigSpec(workDir, items, itemsPerSecond, language, symbol, applicationId, keyFile, upstreamUrl,
                secretFile, noReadRate, misreadRate, duplicateRate, delayRate, garbageRate, disconnectRate, seed,
                millis);
    }
}
