package io.yima.sim.packing;

import java.time.Instant;
import java.util.List;

/**
 * What the case camera did with one case: the ground truth and what it sent.
 *
 * @param caseNumber the packer's case number
 * @param items      the item codes really in the case, in belt order
 * @param caseCode   a genuine decode of the case label (null = the label itself is unreadable or never came)
 * @param injected   the fault injected
 * @param frame      the frame sent to the edge, without its terminator
 */
public record CameraRecord(long caseNumber, List<String> items, String caseCode, CameraInjection injected,
                           Instant at, String frame) {
    public CameraRecord {
        items = List.copyOf(items);
    }

    /** True when the edge must refuse this case: the frame does not show exactly the case's items and its label. */
    public boolean edgeMustRefuse() {
        return caseCode == null || injected != CameraInjection.NONE && injected != CameraInjection.LATE;
    }
}
