package io.yima.sim.printer;

/** Where a language parser delivers what it understood from the byte stream. */
interface ParserOutput {
    void job(LabelJob job);

    void query(StatusQuery query);

    /** Malformed input: counted, never thrown. */
    void error(String what);

    /** A control command that acts on the printer (cancel, pause, resume). */
    default void control(String command) {
    }
}
