package io.yima.upstream;

import io.yima.vault.CodeVault;
import java.util.Map;

/** Appends every upstream call to the vault's {@code event} table (the client never passes secrets). */
public final class VaultUpstreamEvents implements UpstreamEvents {
    private final CodeVault vault;

    public VaultUpstreamEvents(CodeVault vault) {
        this.vault = vault;
    }

    @Override
    public void record(String kind, Map<String, Object> fields) {
        vault.inTransaction(c -> {
            vault.appendEvent(c, kind, fields);
            return null;
        });
    }
}
