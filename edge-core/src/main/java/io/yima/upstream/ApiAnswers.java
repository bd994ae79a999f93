package io.yima.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns an HTTP answer into the API's JSON object, or explains in plain words why it is not one. */
final class ApiAnswers {
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private ApiAnswers() {
    }

    /**
     * @throws TransientFailure for 5xx, HTML pages and bodies that are not a JSON object (a proxy or a glitch;
     *     the caller's retry policy decides)
     * @throws UpstreamException.Alarm for other non-200 statuses: a wrong base URL or path, not worth retrying
     */
    static JsonNode parse(ObjectMapper json, String endpoint, HttpResponse<String> response) throws TransientFailure {
        return parse(json, endpoint, response, true);
    }

    /** As {@link #parse(ObjectMapper, String, HttpResponse)}; {@code quoteBody = false} for answers that may carry a token. */
    static JsonNode parse(ObjectMapper json, String endpoint, HttpResponse<String> response, boolean quoteBody)
            throws TransientFailure {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        boolean html = type.contains("html") || body.stripLeading().startsWith("<");
        if (status >= 500) {
            throw new TransientFailure(null, "HTTP " + status + (html ? " with an HTML page" + title(body) : ""), null);
        }
        if (status != 200) {
            throw new UpstreamException.Alarm(endpoint, null, "HTTP " + status
                    + (html ? " with an HTML page" + title(body) : "") + " (check upstream.base_url)");
        }
        if (html) {
            throw new TransientFailure(null, "server answered with an HTML page" + title(body) + " instead of JSON", null);
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new TransientFailure(null, "answer is not a JSON object" + (quoteBody ? ": " + excerpt(body) : ""), null);
            }
            return node;
        } catch (IOException e) {
            throw new TransientFailure(null, "malformed JSON answer" + (quoteBody ? ": " + excerpt(body) : ""), null);
        }
    }

    private static String title(String body) {
        Matcher m = TITLE.matcher(body);
        return m.find() ? " titled '" + TokenRedaction.redact(m.group(1).trim(), null) + "'" : "";
    }

    private static String excerpt(String body) {
        String oneLine = TokenRedaction.redact(body.replaceAll("\\s+", " ").trim(), null);
        return oneLine.length() <= 80 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 80) + "…'";
    }
}
