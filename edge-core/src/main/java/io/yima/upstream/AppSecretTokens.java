package io.yima.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Fetches the access token with appid + secret from {@code /cgi-bin/token} and caches it until shortly before
 * it expires. A refresh is single-flight: callers that arrive while one is running wait for its result, because
 * every new token retires the previous one.
 */
public final class AppSecretTokens implements TokenSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UpstreamConfig config;
    private final Supplier<String> secret;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final UpstreamEvents events;
    private final Backoff backoff;
    private volatile String current;
    private volatile Instant refreshAfter = Instant.MIN;

    public AppSecretTokens(UpstreamConfig config, Supplier<String> secret, HttpClient http, Clock clock,
                           Sleeper sleeper, UpstreamEvents events) {
        this.config = config;
        this.secret = secret;
        this.http = http;
        this.clock = clock;
        this.sleeper = sleeper;
        this.events = events;
        this.backoff = new Backoff(config.backoffMin(), config.backoffMax());
    }

    @Override
    public String token() {
        String t = current;
        if (t != null && clock.instant().isBefore(refreshAfter)) {
            return t;
        }
        synchronized (this) {
            if (current != null && clock.instant().isBefore(refreshAfter)) {
                return current;
            }
            return fetch();
        }
    }

    @Override
    public synchronized void invalidate(String stale) {
        if (stale != null && stale.equals(current)) {
            current = null;
            refreshAfter = Instant.MIN;
        }
    }

    private String fetch() {
        String uri = config.baseUrl() + "/cgi-bin/token?grant_type=client_credential&appid="
                + URLEncoder.encode(config.appid(), StandardCharsets.UTF_8)
                + "&secret=" + URLEncoder.encode(secret.get(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(config.requestTimeout()).GET().build();
        TransientFailure last = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode answer = ApiAnswers.parse(JSON, "token", response, false);
                int errcode = answer.path("errcode").asInt(0);
                if (errcode == -1) {
                    throw new TransientFailure(-1, "system busy (errcode -1)", null);
                }
                if (errcode != 0 || !answer.path("access_token").isTextual()) {
                    report(attempt, started, errcode, "alarm");
                    throw new UpstreamException.Alarm("token", errcode, "token refused: errcode " + errcode
                            + " " + answer.path("errmsg").asText("") + " (check upstream.appid and the app secret)");
                }
                long expiresIn = answer.path("expires_in").asLong(7200);
                // Refresh early: a tenth of the lifetime, at most five minutes, before WeChat expires it.
                long marginMillis = Math.min(300_000, expiresIn * 100);
                current = answer.path("access_token").textValue();
                refreshAfter = clock.instant().plusMillis(expiresIn * 1000 - marginMillis);
                report(attempt, started, 0, "ok");
                return current;
            } catch (TransientFailure e) {
                last = e;
            } catch (IOException e) {
                last = new TransientFailure(null, HttpFailures.describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException.Unavailable("token", null, "interrupted", e);
            }
            report(attempt, started, last.errcode, "retry: " + last.getMessage());
            if (attempt < config.maxAttempts()) {
                try {
                    sleeper.sleep(backoff.delay(attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UpstreamException.Unavailable("token", null, "interrupted", e);
                }
            }
        }
        throw new UpstreamException.Unavailable("token", last.errcode, "no token after " + config.maxAttempts()
                + " attempts: " + last.getMessage(), null);
    }

    private void report(int attempt, long startedNanos, Integer errcode, String outcome) {
        events.call("token", null, attempt, startedNanos, errcode, outcome);
    }
}
