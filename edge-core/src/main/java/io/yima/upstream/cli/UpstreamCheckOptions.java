package io.yima.upstream.cli;

import io.yima.common.UserFacingException;
import io.yima.upstream.ActivationSample;
import io.yima.upstream.MarketcodeClient;
import io.yima.vault.importing.PackageImporter;
import picocli.CommandLine.Option;

/**
 * The import's questions to WeChat and the operator's audited ways past them: {@code --accept-reissue-risk} imports
 * codes already issued (per the ledger) or activated (per WeChat), {@code --skip-upstream-check} imports without
 * asking a configured upstream that cannot be reached.
 */
public final class UpstreamCheckOptions {
    @Option(names = "--accept-reissue-risk", paramLabel = "REASON",
            description = "import even codes the ledger says this edge already issued from another vault, or WeChat"
                    + " reports as activated (they may be printed twice); the reason is kept in the vault's audit"
                    + " events")
    String acceptReissueRisk;

    @Option(names = "--skip-upstream-check", paramLabel = "REASON",
            description = "do not ask WeChat (codeactivequery) whether the codes were already activated, although"
                    + " upstream is configured (e.g. WeChat cannot be reached); the reason is kept in the vault's"
                    + " audit events")
    String skipUpstreamCheck;

    @Option(names = "--upstream-check-samples", paramLabel = "N", defaultValue = "" + ActivationSample.DEFAULT_SAMPLES,
            description = "indexes asked about per imported range besides its first and last (default: ${DEFAULT-VALUE},"
                    + " at most " + ActivationSample.MAX_SAMPLES + "); each is one API call")
    int samples;

    /**
     * Applies the overrides to the importer and, with {@code client} non-null (upstream configured), the WeChat
     * check unless it is skipped.
     */
    public void applyTo(PackageImporter importer, MarketcodeClient client) {
        if (acceptReissueRisk != null) {
            importer.acceptReissueRisk(reason("--accept-reissue-risk", acceptReissueRisk));
        }
        if (samples < 0 || samples > ActivationSample.MAX_SAMPLES) {
            throw new UserFacingException("--upstream-check-samples must be 0.." + ActivationSample.MAX_SAMPLES
                    + ", got " + samples);
        }
        if (client == null) {
            if (skipUpstreamCheck != null) {
                throw new UserFacingException("--skip-upstream-check: no upstream is configured, so WeChat is not"
                        + " asked anyway (give --config with an upstream: section to ask it)");
            }
            return;
        }
        if (skipUpstreamCheck != null) {
            importer.skipUpstreamCheck(reason("--skip-upstream-check", skipUpstreamCheck));
        } else {
            importer.askUpstream(new ActivationSample(client, samples));
        }
    }

    private static String reason(String option, String value) {
        if (value.isBlank()) {
            throw new UserFacingException(option + " needs a reason (who decided, and why)");
        }
        return value.strip();
    }
}
