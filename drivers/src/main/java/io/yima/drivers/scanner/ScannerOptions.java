package io.yima.drivers.scanner;

import java.util.Objects;

/**
 * @param noReadToken what the reader sends when it saw no code ({@code ERROR} is Keyence's default; Cognex's is
 *                    configured in its setup tool)
 * @param maxFrame    longest frame kept, in bytes; longer ones are discarded with a log line
 * @param trigger     software trigger dialect, {@link Trigger#NONE} for self-triggered readers
 */
public record ScannerOptions(String noReadToken, int maxFrame, Trigger trigger) {
    public static final String DEFAULT_NO_READ = "ERROR";
    public static final int DEFAULT_MAX_FRAME = 1024;

    public ScannerOptions {
        noReadToken = noReadToken == null ? DEFAULT_NO_READ : noReadToken;
        if (maxFrame < 16 || maxFrame > 65536) {
            throw new IllegalArgumentException("scanner max frame must be 16..65536 bytes, got " + maxFrame);
        }
        Objects.requireNonNull(trigger, "trigger");
    }

    public static ScannerOptions defaults() {
        return new ScannerOptions(DEFAULT_NO_READ, DEFAULT_MAX_FRAME, Trigger.NONE);
    }

    public ScannerOptions withTrigger(Trigger t) {
        return new ScannerOptions(noReadToken, maxFrame, t);
    }

    public ScannerOptions withNoReadToken(String token) {
        return new ScannerOptions(token, maxFrame, trigger);
    }
}
