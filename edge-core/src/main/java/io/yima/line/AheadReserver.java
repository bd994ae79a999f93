package io.yima.line;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread on which every line's ahead refills ({@link CodeDispenser}) reserve their blocks. One for all
 * lines on purpose: refills then reach the vault writer one at a time, each lengthening one group commit by a
 * block's UPDATEs, instead of eight lanes started together all refilling in the same commit.
 */
final class AheadReserver {
    static final ExecutorService SHARED = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vault-reserve-ahead");
        t.setDaemon(true); // holds nothing that must finish: an unfinished block stays RESERVED, recovery returns it
        return t;
    });

    private AheadReserver() {
    }
}
