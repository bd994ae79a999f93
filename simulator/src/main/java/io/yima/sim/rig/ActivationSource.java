package io.yima.sim.rig;

import java.util.List;

/** Hook for the WeChat API emulator: the index ranges {@code codeactive} recorded, as {start, end} pairs. */
@FunctionalInterface
public interface ActivationSource {
    List<long[]> activatedRanges(long applicationId);
}
