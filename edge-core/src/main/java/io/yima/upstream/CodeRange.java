package io.yima.upstream;

/** An inclusive range of code indexes inside one application, as the API writes it. */
public record CodeRange(long codeStart, long codeEnd) {
    public CodeRange {
        if (codeStart < 0 || codeEnd < codeStart) {
            throw new IllegalArgumentException("bad code range " + codeStart + ".." + codeEnd);
        }
    }

    public long length() {
        return codeEnd - codeStart + 1;
    }
}
