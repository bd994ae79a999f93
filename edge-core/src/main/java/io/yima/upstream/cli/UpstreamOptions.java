package io.yima.upstream.cli;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.yima.common.UserFacingException;
import io.yima.upstream.MarketcodeClient;
import io.yima.upstream.UpstreamClients;
import io.yima.upstream.UpstreamConfig;
import io.yima.upstream.UpstreamEvents;
import io.yima.upstream.UpstreamException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Options every {@code wechat} subcommand takes: where the configuration is and how to reach the API. */
public final class UpstreamOptions {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Option(names = "--config", paramLabel = "FILE", description = "Edge YAML configuration; its upstream: section is used.")
    Path configFile;

    @Option(names = "--base-url", paramLabel = "URL", description = "API base URL (overrides upstream.base_url).")
    String baseUrl;

    @Option(names = "--appid", paramLabel = "APPID", description = "Official account appid (overrides upstream.appid).")
    String appid;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "File holding the app secret (overrides upstream.secret_file and the environment).")
    Path secretFile;

    /** The configuration from the file (if any) with the command-line overrides, validated. */
    public UpstreamConfig config() {
        UpstreamConfig c = configFile == null ? UpstreamConfig.defaults() : read(configFile);
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
        if (baseUrl == null && appid == null && !hasUpstreamSection()) {
            return Optional.empty();
        }
        return Optional.of(config());
    }

    private boolean hasUpstreamSection() {
        if (configFile == null) {
            return false;
        }
        try {
            JsonNode root = YAML.readTree(configFile.toFile());
            return root != null && root.hasNonNull("upstream");
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + configFile + ": " + e.getMessage());
        }
    }

    /** {@code vault.path} of the config file, resolved against its folder; empty without --config or the key. */
    Optional<Path> configuredVault() {
        return configured(root -> root.path("vault").path("path"));
    }

    /** {@code key_file} of the application under {@code applications:}, resolved against the config's folder. */
    Optional<Path> configuredKeyFile(long applicationId) {
        return configured(root -> {
            for (JsonNode app : root.path("applications")) {
                if (app.path("id").asLong(-1) == applicationId) {
                    return app.path("key_file");
                }
            }
            return MissingNode.getInstance();
        });
    }

    private Optional<Path> configured(Function<JsonNode, JsonNode> at) {
        if (configFile == null) {
            return Optional.empty();
        }
        try {
            JsonNode root = YAML.readTree(configFile.toFile());
            JsonNode value = root == null ? null : at.apply(root);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(configFile.toAbsolutePath().getParent().resolve(value.asText()).normalize());
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + configFile + ": " + e.getMessage());
        }
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

    private static UpstreamConfig read(Path file) {
        try {
            JsonNode root = YAML.readTree(file.toFile());
            JsonNode section = root == null ? null : root.get("upstream");
            if (section == null || section.isNull()) {
                throw new UserFacingException(file + ": no upstream: section");
            }
            return YAML.treeToValue(section, UpstreamConfig.class).resolvedAgainst(file.toAbsolutePath().getParent());
        } catch (UnrecognizedPropertyException e) {
            throw new UserFacingException(file + ": upstream." + e.getPropertyName() + ": unknown key");
        } catch (JsonMappingException e) {
            throw new UserFacingException(file + ": " + path(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder("upstream");
        for (var ref : e.getPath()) {
            p.append('.').append(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return p.toString();
    }
}
