package io.yima.daemon;

import io.yima.cli.vault.PackUnitJson;
import io.yima.status.PackingControls;
import io.yima.vault.CodeVault;
import io.yima.vault.PackRefusal;
import io.yima.vault.PackTree;
import io.yima.vault.Packing;
import io.yima.vault.PackingRefusedException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The status port's packing endpoints over the vault's {@link Packing}: the same JSON as {@code vault lookup}
 * and the rework commands, a refusal with the vault's reason. Called on the status port's blocking pool.
 */
public final class VaultPackingControls implements PackingControls {
    private final Packing packing;

    public VaultPackingControls(CodeVault vault) {
        this.packing = vault.packing();
    }

    @Override
    public Optional<Object> tree(String code) {
        PackTree t = packing.tree(code);
        return t.known() ? Optional.of(PackUnitJson.of(t)) : Optional.empty();
    }

    @Override
    public Object unpack(String code, String operator, String reason) {
        return refusing(() -> PackUnitJson.of(packing.unpack(code, operator, reason)));
    }

    @Override
    public Object replace(String code, String oldChild, String newChild, String operator) {
        return refusing(() -> PackUnitJson.of(packing.replace(code, oldChild, newChild, operator)));
    }

    @Override
    public Object voidCase(String code, String operator, String reason) {
        return refusing(() -> PackUnitJson.of(packing.voidCase(code, operator, reason)));
    }

    private static Object refusing(Supplier<Object> work) {
        try {
            return work.get();
        } catch (PackingRefusedException e) {
            throw new Refused(e.reason().name(), e.reason() == PackRefusal.UNKNOWN_UNIT, e.getMessage());
        }
    }
}
