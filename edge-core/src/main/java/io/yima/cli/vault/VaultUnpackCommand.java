package io.yima.cli.vault;

import io.yima.vault.PackUnit;
import io.yima.vault.Packing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yima-edge vault unpack}: a case's items (a pallet's cases) leave it; the case code is never used again. */
@Command(name = "unpack", mixinStandardHelpOptions = true,
        description = {"Unpack a case or pallet for rework: its children are free to be packed again, the case code"
                + " is never used again. Audited and exported (EPCIS AggregationEvent DELETE).",
                "A case still on a pallet is refused: unpack the pallet first."})
public final class VaultUnpackCommand extends ReworkCommand {
    @Option(names = "--reason", paramLabel = "TEXT", description = "why (kept in the audit and the export)")
    String reason;

    @Override
    PackUnit change(Packing packing) {
        return packing.unpack(parent, operator, reason);
    }

    @Override
    String done(PackUnit unit) {
        return "unpacked " + name(unit) + ": " + unit.childCount() + " children free";
    }
}
