package io.yima.printing.template;

import io.yima.drivers.symbol.Microcode;
import java.util.Objects;

/**
 * What a label needs of a code: the 19×19 matrix, the 9-character code for people, the 28-character URL for QR.
 * A case label's code has no matrix (an SSCC is printed only as QR): its matrix is null.
 */
public record PrintableCode(Microcode matrix, String code, String url) {
    public PrintableCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(url, "url");
    }
}
