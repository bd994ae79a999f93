package io.yima.upstream;

import java.util.regex.Pattern;

/**
 * Takes access tokens out of text that came from upstream or from the HTTP stack before it reaches a log, an
 * error line or the status page: a misbehaving server may echo the request URL (with {@code access_token=…}) in
 * its errmsg or error page.
 */
final class TokenRedaction {
    private static final Pattern QUERY_TOKEN = Pattern.compile("(access_token=)[^&\\s\"'<>]*",
            Pattern.CASE_INSENSITIVE);
    static final String HIDDEN = "***";

    private TokenRedaction() {
    }

    /** {@code text} with every {@code access_token=…} value and every occurrence of {@code token} hidden. */
    static String redact(String text, String token) {
        if (text == null) {
            return null;
        }
        String out = QUERY_TOKEN.matcher(text).replaceAll("$1" + HIDDEN);
        if (token != null && token.length() >= 8) {
            out = out.replace(token, HIDDEN);
        }
        return out;
    }
}
