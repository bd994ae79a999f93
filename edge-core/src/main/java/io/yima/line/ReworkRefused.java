package io.yima.line;

import io.yima.vault.PackRefusal;

/**
 * A rework (unpack, replace, void, re-pallet) the vault refused; nothing changed. The reason is the vault's, the same
 * word the CLI and the status port give ({@code ON_PALLET}, {@code NOT_A_CHILD}, …); adapters carry it as is.
 */
public final class ReworkRefused extends RuntimeException {
    private final PackRefusal reason;
    private final String detail;

    public ReworkRefused(PackRefusal reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    public PackRefusal reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
