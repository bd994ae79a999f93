package io.yima.sim.packing;

/** The fault a case camera injected into one case's frame. */
public enum CameraInjection {
    NONE,
    /** one item's code left out of the frame (hidden under a flap) */
    MISSING,
    /** one item's code replaced by a code from no vault (a stray label in the case) */
    FOREIGN,
    /** one item's code replaced by the code of an item of the previous case (a bottle swapped between cases) */
    ALREADY_PACKED,
    /** the case label did not read: the frame carries {@code CASE:} with nothing after it */
    CASE_NO_READ,
    /** the frame is sent late, after {@link CameraFaults#lateMillis()} */
    LATE
}
