package io.yima.sim.printer;

/** A printer language parser fed with bytes exactly as they arrive: a command may be split anywhere. */
interface StreamParser {
    void feed(byte[] bytes, int offset, int length);

    /** Bytes held for an unfinished command; bounded by the parser's cap. */
    int buffered();
}
