package io.yima.cli.vault;

import picocli.CommandLine.Command;

/** {@code yima-edge vault}: look into the code vault. */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "Inspect the code vault: stock per application, single codes, counter check, recovery.",
        subcommands = {VaultStatsCommand.class, VaultLookupCommand.class, VaultCheckCommand.class,
                VaultRecoverCommand.class})
public final class VaultCommand {
}
