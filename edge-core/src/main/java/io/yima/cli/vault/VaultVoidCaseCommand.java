package io.yima.cli.vault;

import io.yima.vault.PackUnit;
import io.yima.vault.Packing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yima-edge vault void-case}: a case code is voided for good; a packed case's children leave it first. */
@Command(name = "void-case", mixinStandardHelpOptions = true,
        description = {"Void a case or pallet code (a damaged case label, a broken case): a packed case's children"
                + " leave it in the same transaction; the code is never used again. Audited and exported.",
                "A case still on a pallet is refused: unpack the pallet first."})
public final class VaultVoidCaseCommand extends ReworkCommand {
    @Option(names = "--reason", paramLabel = "TEXT", description = "why (kept in the audit and the export)")
    String reason;

    @Override
    PackUnit change(Packing packing) {
        return packing.voidCase(parent, operator, reason);
    }

    @Override
    String done(PackUnit unit) {
        return "voided " + name(unit);
    }
}
