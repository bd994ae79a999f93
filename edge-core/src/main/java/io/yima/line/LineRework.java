package io.yima.line;

import io.yima.vault.PackUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rework of packed cases and pallets asked by a line's adapters (the rework station's PLC, the MES over OPC UA):
 * the same vault changes as {@code vault unpack}/{@code replace}/{@code void-case}, limited to the line's own
 * jobs, each audited with {@code by} as the operator and exported. A stage completes after the change is
 * committed, or exceptionally with a {@link ReworkRefused} (the vault's reason) or a {@link LineRefusal} (not
 * offered on this line, or the vault did not answer in time). Stages never complete on a Netty event loop's
 * behalf: callers hop to their own thread.
 */
public interface LineRework {

    /** A packed case's items (a pallet's cases) leave it; completes with the unit as it is now. */
    CompletionStage<PackUnit> unpack(String code, String by, String reason);

    /** {@code oldChild} leaves the packed unit, {@code newChild} enters, in one transaction. */
    CompletionStage<PackUnit> replace(String code, String oldChild, String newChild, String by);

    /** Voids a case or pallet code (a packed one's children leave first); never used again. */
    CompletionStage<PackUnit> voidCase(String code, String by, String reason);

    /**
     * Packs the open job's packed cases that are on no pallet (and not on the open pallet) onto a new pallet with a
     * new SSCC label, the oldest {@code cases} of them ({@code 0}: all); completes with how many cases it took
     * ({@code 0}: none waited). Its result follows as the line's PALLET_PACKED / PALLET_REJECTED.
     */
    CompletionStage<Integer> repallet(int cases, String by);

    /** A line that packs nothing: every rework is refused WRONG_MODE. */
    LineRework NONE = new LineRework() {
        @Override
        public CompletionStage<PackUnit> unpack(String code, String by, String reason) {
            return refused();
        }

        @Override
        public CompletionStage<PackUnit> replace(String code, String oldChild, String newChild, String by) {
            return refused();
        }

        @Override
        public CompletionStage<PackUnit> voidCase(String code, String by, String reason) {
            return refused();
        }

        @Override
        public CompletionStage<Integer> repallet(int cases, String by) {
            return refused();
        }

        private <T> CompletionStage<T> refused() {
            return CompletableFuture.failedFuture(new LineRefusal(Refusal.WRONG_MODE,
                    "this line packs no cases (it has no packing section)"));
        }
    };
}
