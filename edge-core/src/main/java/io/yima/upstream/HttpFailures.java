package io.yima.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/** Names a transport failure the way an operator needs it (timeout vs refused vs reset). */
final class HttpFailures {
    private HttpFailures() {
    }

    static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "request timeout";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return "I/O error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
