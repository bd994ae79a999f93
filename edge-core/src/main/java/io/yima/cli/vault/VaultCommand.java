package io.yima.cli.vault;

import picocli.CommandLine.Command;

/** {@code yima-edge vault}: look into the code vault. */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "The code vault: stock per application, single codes, counter check, recovery, init, backup,"
                + " case rework (unpack, replace, void-case).",
        subcommands = {VaultStatsCommand.class, VaultLookupCommand.class, VaultCheckCommand.class,
                VaultRecoverCommand.class, VaultInitCommand.class, VaultBackupCommand.class,
                VaultUnpackCommand.class, VaultReplaceCommand.class, VaultVoidCaseCommand.class})
public final class VaultCommand {
}
