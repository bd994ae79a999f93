package io.yima.drivers.printer;

import io.yima.drivers.render.RenderedLabel;

/** Printer language for one rendered label: the complete bytes of that label, ready for the transport. */
public interface LabelEncoder {
    byte[] encode(RenderedLabel label);
}
