package io.yima.sim.wechat;

import java.util.ArrayList;
import java.util.List;

/** One code application as the emulator remembers it; generation finishes at {@code finishAtMillis}. */
public record EmulatedApplication(long applicationId, String isvApplicationId, long codeCount, long createTime,
                                  long finishAtMillis, long rangeSize) {

    public boolean finished(long nowMillis) {
        return nowMillis >= finishAtMillis;
    }

    public boolean contains(long index) {
        return index >= 0 && index < codeCount;
    }

    /** The ranges {@code applycodequery} lists once generation is done: one per {@code rangeSize} codes. */
    public List<long[]> generateList() {
        List<long[]> ranges = new ArrayList<>();
        for (long start = 0; start < codeCount; start += rangeSize) {
            ranges.add(new long[] {start, Math.min(codeCount, start + rangeSize) - 1});
        }
        return ranges;
    }
}
