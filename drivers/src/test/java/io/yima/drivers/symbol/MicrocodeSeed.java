package io.yima.drivers.symbol;

/** The guide's example matrix for code 0436Z31$0, index 0, url P.URL.CN/0V/IXO*FWWYLZLXUXGR (the golden sample in docs/vault.md). */
public final class MicrocodeSeed {
    public static final String BITS = MicrocodeTest.SEED;
    public static final String CODE = "0436Z31$0";
    public static final String URL = "P.URL.CN/0V/IXO*FWWYLZLXUXGR";

    private MicrocodeSeed() {
    }
}
