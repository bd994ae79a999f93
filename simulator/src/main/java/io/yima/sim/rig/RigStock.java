package io.yima.sim.rig;

import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many codes a rig's vault can still issue, read before the run so a rig never "passes" on refusals. */
public final class RigStock {
    private RigStock() {
    }

    /** AVAILABLE codes of {@code application} in {@code vault}; 0 when the file does not exist yet. */
    public static long available(Path vault, long application) {
        if (!Files.exists(vault)) {
            return 0;
        }
        try (CodeVault v = CodeVault.open(vault)) {
            return v.stats().applications().stream().filter(a -> a.applicationId() == application)
                    .mapToLong(a -> a.states().getOrDefault(CodeState.AVAILABLE, 0L)).sum();
        }
    }
}
