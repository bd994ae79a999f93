package io.yima.upstream;

import io.yima.common.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * A {@link MarketcodeClient} for an upstream section: the token source it names (a token file, a token command or
 * the app secret) and the HTTP client. Shared by the daemon's activation outbox and the {@code wechat} commands.
 */
public final class UpstreamClients {
    private UpstreamClients() {
    }

    /** A client for the configuration, reporting calls to {@code events}. */
    public static MarketcodeClient connect(UpstreamConfig c, UpstreamEvents events) {
        return new MarketcodeClient(c, tokens(c, events), MarketcodeClient.httpClient(c), events, Clock.systemUTC(),
                Sleeper.REAL);
    }

    static TokenSource tokens(UpstreamConfig c, UpstreamEvents events) {
        if (c.tokenFile() != null) {
            return ExternalTokens.fromFile(c.tokenFile());
        }
        if (c.tokenCommand() != null) {
            return ExternalTokens.fromCommand(c.tokenCommand());
        }
        return new AppSecretTokens(c, secret(c), MarketcodeClient.httpClient(c), Clock.systemUTC(), Sleeper.REAL, events);
    }

    /** The app secret, looked up only when a token is fetched; never printed. */
    static Supplier<String> secret(UpstreamConfig c) {
        return () -> {
            if (c.secretFile() != null) {
                try {
                    String s = Files.readString(c.secretFile()).strip();
                    if (s.isEmpty()) {
                        throw new UserFacingException("secret file " + c.secretFile() + " is empty");
                    }
                    return s;
                } catch (IOException e) {
                    throw new UserFacingException("cannot read secret file " + c.secretFile() + ": " + e.getMessage());
                }
            }
            String s = System.getenv(c.secretEnv());
            if (s == null || s.isBlank()) {
                throw new UserFacingException("no app secret: give --secret-file, upstream.secret_file, or set "
                        + c.secretEnv());
            }
            return s.strip();
        };
    }
}
