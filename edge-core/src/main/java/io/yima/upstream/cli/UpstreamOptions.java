package io.yima.upstream.cli;

import io.yima.common.UserFacingException;
import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import io.yima.upstream.MarketcodeClient;
import io.yima.upstream.UpstreamClients;
import io.yima.upstream.UpstreamConfig;
import io.yima.upstream.UpstreamEvents;
import io.yima.upstream.UpstreamException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Options every {@code wechat} subcommand takes: where the configuration is and how to reach the API. */
public final class UpstreamOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Edge YAML configuration; its upstream: section is used.")
    Path configFile;

    @Option(names = "--base-url", paramLabel = "URL", description = "API base URL (overrides upstream.base_url).")
    String baseUrl;

    @Option(names = "--appid", paramLabel = "APPID", description = "Official account appid (overrides upstream.appid).")
    String appid;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "File holding the app secret (overrides upstream.secret_file and the environment).")
    Path secretFile;

    /** The --config file as read, once per command. */
    private EdgeConfig edge;

    /** The configuration from the file (if any) with the command-line overrides, validated. */
    public UpstreamConfig config() {
        UpstreamConfig c = configFile == null ? UpstreamConfig.defaults() : fromFile();
        if (baseUrl != null) {
            c = c.withBaseUrl(baseUrl);
        }
        if (appid != null) {
            c = c.withAppid(appid);
        }
        if (secretFile != null) {
            c = c.withSecretFile(secretFile);
        }
        if (!c.problems().isEmpty()) {
            throw new UserFacingException(String.join("\n       ", c.problems()));
        }
        return c;
    }

    /**
     * The upstream configuration when one is given (an {@code upstream:} section in --config, or --base-url /
     * --appid); empty otherwise. For commands such as {@code import} that use upstream only when it is configured.
     */
    public Optional<UpstreamConfig> configIfGiven() {
        if (baseUrl == null && appid == null && (configFile == null || edge().upstream() == null)) {
            return Optional.empty();
        }
        return Optional.of(config());
    }

    /** {@code vault.path} of the config file, resolved against its folder; empty without --config or the key. */
    Optional<Path> configuredVault() {
        if (configFile == null || edge().vault() == null) {
            return Optional.empty();
        }
        return nonBlank(edge().vault().path());
    }

    /** {@code key_file} of the application under {@code applications:}, resolved against the config's folder. */
    Optional<Path> configuredKeyFile(long applicationId) {
        if (configFile == null || edge().applications() == null) {
            return Optional.empty();
        }
        return edge().applications().stream().filter(a -> a.id() != null && a.id() == applicationId).findFirst()
                .flatMap(a -> nonBlank(a.keyFile()));
    }

    private static Optional<Path> nonBlank(String path) {
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(Path.of(path));
    }

    /**
     * The --config file read by the edge's own loader: every key checked and relative paths resolved against the
     * file's folder exactly as under {@code run}; its sections' own checks are the commands' (upstream here).
     */
    private EdgeConfig edge() {
        if (edge == null) {
            edge = ConfigLoader.read(configFile);
        }
        return edge;
    }

    private UpstreamConfig fromFile() {
        UpstreamConfig c = edge().upstream();
        if (c == null) {
            throw new UserFacingException(configFile + ": no upstream: section");
        }
        return c;
    }

    /** A client for the configuration, reporting calls to {@code events}. */
    public MarketcodeClient client(UpstreamConfig c, UpstreamEvents events) {
        return UpstreamClients.connect(c, events);
    }

    /** Runs an API action, turning upstream failures into one readable line. */
    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (UpstreamException e) {
            throw new UserFacingException(e.getMessage()
                    + (e instanceof UpstreamException.Unavailable ? " (transient; try again later)" : ""), e);
        }
    }
}
