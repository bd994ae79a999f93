package io.yima.cli.vault;

import io.yima.vault.PackUnit;
import io.yima.vault.Packing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yima-edge vault replace}: one child of a packed case leaves, another enters, in one transaction. */
@Command(name = "replace", mixinStandardHelpOptions = true,
        description = {"Replace one child of a packed case (a damaged item): the old one leaves, the new one enters"
                + " in one transaction, both audited and exported.",
                "The new item must be BOUND in the case's job and in no other case."})
public final class VaultReplaceCommand extends ReworkCommand {
    @Option(names = "--old", required = true, paramLabel = "CODE", description = "the child that leaves")
    String oldChild;

    @Option(names = "--new", required = true, paramLabel = "CODE", description = "the child that enters")
    String newChild;

    @Override
    PackUnit change(Packing packing) {
        return packing.replace(parent, oldChild, newChild, operator);
    }

    @Override
    String done(PackUnit unit) {
        return "replaced in " + name(unit) + ": " + oldChild.strip() + " out, " + newChild.strip() + " in";
    }
}
