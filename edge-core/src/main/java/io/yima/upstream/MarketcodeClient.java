package io.yima.upstream;

import io.yima.vault.ActivationFields;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The six {@code /intp/marketcode/*} calls with WeChat's error semantics: token errors refresh the token once
 * per call, -1 / 5xx / timeouts / garbled answers retry with capped exponential backoff and jitter, quota errors
 * wait for the reset (exposed as {@link #quotaWaitUntil()}), and 47001/48001/61007/80301 and unknown errcodes
 * are never retried but thrown as {@link UpstreamException.Alarm}. Every attempt is reported to
 * {@link UpstreamEvents} without the token.
 */
public final class MarketcodeClient {
    private static final Set<Integer> TOKEN_ERRORS = Set.of(40001, 40014, 42001);
    /**
     * No ceiling on one JSON string: an applycodedownload buffer of a 100,000-code range is tens of megabytes, far
     * above Jackson's default 20 MB string limit. The answer's size is bounded by the range the edge asked for.
     */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE).build()).build())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final UpstreamConfig config;
    private final TokenSource tokens;
    private final HttpClient http;
    private final UpstreamEvents events;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final RequestPacer pacer;
    private final ZoneId quotaZone;
    private volatile Instant quotaWaitUntil;
    private volatile int quotaErrcode;

    public MarketcodeClient(UpstreamConfig config, TokenSource tokens, HttpClient http, UpstreamEvents events,
                            Clock clock, Sleeper sleeper) {
        this.config = config;
        this.tokens = tokens;
        this.http = http;
        this.events = events;
        this.clock = clock;
        this.sleeper = sleeper;
        this.backoff = new Backoff(config.backoffMin(), config.backoffMax());
        this.pacer = new RequestPacer(config.maxRequestsPerSecond(), sleeper);
        this.quotaZone = ZoneId.of(config.quotaZone());
    }

    /** An HTTP client with the configured connect timeout. */
    public static HttpClient httpClient(UpstreamConfig config) {
        return HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Applies for {@code codeCount} codes; the same {@code isvApplicationId} always names the same application. */
    public long applyCode(long codeCount, String isvApplicationId) {
        ObjectNode body = JSON.createObjectNode().put("code_count", codeCount).put("isv_application_id", isvApplicationId);
        JsonNode answer = call("applycode", body);
        if (!answer.path("application_id").canConvertToLong()) {
            throw new UpstreamException.Alarm("applycode", 0, "answer has no numeric application_id");
        }
        return answer.path("application_id").longValue();
    }

    public ApplicationStatus queryApplication(long applicationId) {
        return read("applycodequery", call("applycodequery",
                JSON.createObjectNode().put("application_id", applicationId)), ApplicationStatus.class);
    }

    public ApplicationStatus queryApplicationByIsvId(String isvApplicationId) {
        return read("applycodequery", call("applycodequery",
                JSON.createObjectNode().put("isv_application_id", isvApplicationId)), ApplicationStatus.class);
    }

    /** The encrypted package of one range, still base64 (the vault import decrypts it). */
    public String downloadPackage(long applicationId, CodeRange range) {
        JsonNode answer = call("applycodedownload", JSON.createObjectNode().put("application_id", applicationId)
                .put("code_start", range.codeStart()).put("code_end", range.codeEnd()));
        if (!answer.path("buffer").isTextual()) {
            throw new UpstreamException.Alarm("applycodedownload", 0, "answer has no buffer");
        }
        return answer.path("buffer").textValue();
    }

    /** Activates an inclusive range; re-activating the same range is harmless upstream. */
    public void activate(long applicationId, CodeRange range, ActivationFields fields) {
        List<String> missing = ActivationCheck.missing(fields);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("activation fields missing: " + String.join(", ", missing));
        }
        ObjectNode body = JSON.valueToTree(fields);
        body.put("application_id", applicationId).put("code_start", range.codeStart()).put("code_end", range.codeEnd());
        call("codeactive", body);
    }

    public CodeInfo activationOfIndex(long applicationId, long index) {
        return read("codeactivequery", call("codeactivequery",
                JSON.createObjectNode().put("application_id", applicationId).put("code_index", index)), CodeInfo.class);
    }

    public CodeInfo activationOfUrl(String url) {
        return read("codeactivequery", call("codeactivequery", JSON.createObjectNode().put("code_url", url)), CodeInfo.class);
    }

    public CodeInfo activationOfCode(String code) {
        return read("codeactivequery", call("codeactivequery", JSON.createObjectNode().put("code", code)), CodeInfo.class);
    }

    public CodeInfo ticketToCode(String openid, String codeTicket) {
        return read("tickettocode", call("tickettocode",
                JSON.createObjectNode().put("openid", openid).put("code_ticket", codeTicket)), CodeInfo.class);
    }

    /** When a quota error was last seen, the instant calls may resume; empty when no quota wait is pending. */
    public Optional<Instant> quotaWaitUntil() {
        Instant until = quotaWaitUntil;
        return until == null || !until.isAfter(clock.instant()) ? Optional.empty() : Optional.of(until);
    }

    private JsonNode call(String endpoint, ObjectNode body) {
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        TransientFailure last = null;
        int attempt = 0;
        boolean tokenRefreshed = false;
        while (true) {
            awaitQuota(endpoint);
            long started = System.nanoTime();
            String token = tokens.token();
            try {
                pacer.acquire();
                HttpRequest request = HttpRequest.newBuilder(URI.create(config.baseUrl() + "/intp/marketcode/" + endpoint
                                + "?access_token=" + token))
                        .timeout(config.requestTimeout())
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                JsonNode answer = ApiAnswers.parse(JSON, endpoint, response);
                int errcode = answer.path("errcode").asInt(0);
                String errmsg = TokenRedaction.redact(answer.path("errmsg").asText(""), token);
                if (errcode == 0) {
                    report(endpoint, body, ++attempt, started, 0, "ok");
                    return answer;
                }
                if (TOKEN_ERRORS.contains(errcode) && !tokenRefreshed) {
                    // Refresh once for free; a second token error in the same call counts as a failed attempt.
                    report(endpoint, body, attempt + 1, started, errcode, "token refresh");
                    tokens.invalidate(token);
                    tokenRefreshed = true;
                    continue;
                }
                if (errcode == 45009 || errcode == 45011) {
                    quotaErrcode = errcode;
                    quotaWaitUntil = errcode == 45009 ? nextDay() : nextMinute();
                    report(endpoint, body, attempt + 1, started, errcode, "quota until " + quotaWaitUntil);
                    events.quotaWait(endpoint, errcode, quotaWaitUntil);
                    continue;
                }
                if (errcode == -1 || TOKEN_ERRORS.contains(errcode)) {
                    tokens.invalidate(TOKEN_ERRORS.contains(errcode) ? token : null);
                    throw new TransientFailure(errcode, "errcode " + errcode + " " + errmsg, null);
                }
                report(endpoint, body, attempt + 1, started, errcode, "alarm");
                throw new UpstreamException.Alarm(endpoint, errcode, "errcode " + errcode + " " + errmsg
                        + meaning(errcode));
            } catch (TransientFailure e) {
                last = new TransientFailure(e.errcode, TokenRedaction.redact(e.getMessage(), token), null);
            } catch (IOException e) {
                last = new TransientFailure(null, TokenRedaction.redact(HttpFailures.describe(e), token), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException.Unavailable(endpoint, null, "interrupted", e);
            }
            attempt++;
            report(endpoint, body, attempt, started, last.errcode, "failed: " + last.getMessage());
            if (attempt >= config.maxAttempts()) {
                throw new UpstreamException.Unavailable(endpoint, last.errcode, "gave up after " + attempt
                        + " attempts: " + last.getMessage(), null);
            }
            pause(endpoint, backoff.delay(attempt));
        }
    }

    private void awaitQuota(String endpoint) {
        Instant until = quotaWaitUntil;
        if (until == null) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), until);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (wait.compareTo(config.maxQuotaWait()) > 0) {
            throw new UpstreamException.Quota(endpoint, quotaErrcode, until);
        }
        pause(endpoint, wait);
    }

    private void pause(String endpoint, Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException.Unavailable(endpoint, null, "interrupted", e);
        }
    }

    private Instant nextMinute() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    }

    private Instant nextDay() {
        return clock.instant().atZone(quotaZone).toLocalDate().plusDays(1).atStartOfDay(quotaZone).toInstant();
    }

    private static String meaning(int errcode) {
        return switch (errcode) {
            case 41001 -> " (access token missing: configuration error)";
            case 47001 -> " (malformed request: a bug, not retried)";
            case 48001, 61007 -> " (API not authorised for this account: check the marketcode capability"
                    + " or third-party permission)";
            case 80301 -> " (application does not belong to this account)";
            default -> " (not retried)";
        };
    }

    private <T> T read(String endpoint, JsonNode answer, Class<T> type) {
        try {
            return JSON.treeToValue(answer, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UpstreamException.Alarm(endpoint, 0, "answer does not have the documented shape: "
                    + e.getOriginalMessage());
        }
    }

    private void report(String endpoint, ObjectNode body, int attempt, long startedNanos, Integer errcode, String outcome) {
        events.call(endpoint, requestSummary(body), attempt, startedNanos, errcode, outcome);
    }

    /** The request's identifying fields only; request bodies never hold secrets, but activation texts are noise here. */
    private static Map<String, Object> requestSummary(ObjectNode body) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (String k : new String[] {"application_id", "isv_application_id", "code_count", "code_start", "code_end",
                "code_index", "code", "code_url", "openid"}) {
            JsonNode v = body.get(k);
            if (v != null) {
                s.put(k, v.isNumber() ? v.numberValue() : v.asText());
            }
        }
        return s;
    }
}
