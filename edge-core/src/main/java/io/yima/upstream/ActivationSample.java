package io.yima.upstream;

import io.yima.vault.importing.ImportException;
import io.yima.vault.importing.UpstreamActivations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Asks {@code codeactivequery} about a bounded sample of each imported run: its first and last index and up to
 * {@code samples} indexes spread evenly between them. Codes are activated in whole ranges as they are printed, so
 * a run printed before shows activations at its ends or spread over it; the sample keeps an import of a million
 * codes to a few dozen calls, paced and quota-aware like every other call of {@link MarketcodeClient}.
 */
public final class ActivationSample implements UpstreamActivations {
    /** Default number of evenly spaced indexes asked about per run, besides its first and last. */
    public static final int DEFAULT_SAMPLES = 16;
    /** Upper bound for the per-run sample: each index is one API call against the daily quota. */
    public static final int MAX_SAMPLES = 1_000;

    private final MarketcodeClient client;
    private final int samples;

    public ActivationSample(MarketcodeClient client, int samples) {
        if (samples < 0 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples must be 0.." + MAX_SAMPLES + ", got " + samples);
        }
        this.client = client;
        this.samples = samples;
    }

    /** The indexes asked about for one run {from, to}: both ends and up to {@code samples} evenly spaced between. */
    static List<Long> indexes(long from, long to, int samples) {
        TreeSet<Long> out = new TreeSet<>();
        out.add(from);
        out.add(to);
        long inner = to - from - 1;
        if (inner > 0) {
            long n = Math.min(samples, inner);
            for (long i = 1; i <= n; i++) {
                // the i-th of n points splitting the run evenly (i <= 1000 and a run is far below 2^50: no overflow)
                out.add(from + i * (to - from) / (n + 1));
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public Optional<Activated> firstActivated(long applicationId, List<long[]> runs) {
        for (long[] run : runs) {
            for (long index : indexes(run[0], run[1], samples)) {
                CodeInfo info;
                try {
                    info = client.activationOfIndex(applicationId, index);
                } catch (UpstreamException e) {
                    throw new ImportException("refused: could not ask WeChat whether codes of application "
                            + applicationId + " were already activated (" + e.getMessage() + "). Nothing was"
                            + " imported. Check the network and the upstream: settings and import again; if WeChat"
                            + " cannot be reached and you know these codes were never printed, give"
                            + " --skip-upstream-check REASON (the reason is kept in the vault's audit events)", e);
                }
                if (info.activated()) {
                    return Optional.of(new Activated(index, info.codeStart(), info.codeEnd()));
                }
            }
        }
        return Optional.empty();
    }
}
