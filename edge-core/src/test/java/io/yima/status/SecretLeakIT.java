package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No response of the status port, successful or not, ever carries a key, secret or the token. */
class SecretLeakIT extends OnStatusPort {

    private static final List<String> SECRETS =
            List.of(FakeLine.AES_KEY, FakeLine.APP_SECRET, StatusPort.TOKEN);

    @BeforeEach
    void breakThePrinter() {
        // five wrong tokens below: with the default limit the rest would all be 429 (WrongTokenLimitIT)
        port.close();
        port = StatusPort.with(dir, StatusPort.TOKEN, c -> c.withMaxWrongTokens(1000));
        port.line.printer = StatusSnapshot.Link.fault("head open");
        port.metrics.printed("L1");
        port.metrics.rejected("L1", "MISMATCH");
    }

    @Test
    void noEndpointShowsASecretWhateverTheOutcome() {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (String path : List.of("/", "/dashboard.js", "/dashboard.css", "/api/status", "/api/jobs/J-1",
                "/api/jobs/J-404", "/metrics", "/health", "/nope")) {
            responses.add(port.get(path));
            responses.add(port.post(path, "Bearer " + StatusPort.TOKEN, ""));
        }
        String auth = "Bearer " + StatusPort.TOKEN;
        for (String[] c : ControlAuthIT.CONTROLS) {
            responses.add(port.post(c[0], null, c[1]));
            responses.add(port.post(c[0], "Bearer x" + StatusPort.TOKEN, c[1]));
            responses.add(port.send(HttpRequest.newBuilder(URI.create(port.url(c[0])))
                    .header("Authorization", auth).GET().build()));
            responses.add(port.post(c[0], auth, c[1]));
            responses.add(port.post(c[0], auth, c[1]));
        }
        responses.add(port.post("/api/lines/L9/pause", auth, ""));
        responses.add(port.post("/api/codes/void", auth, "{\"application\":" + FakeLine.APP_SECRET + "}"));
        // The daemon failing with internals in its exception message: the technician gets a generic 500.
        port.line.failure = new IllegalStateException("cannot open vault with key " + FakeLine.AES_KEY);
        HttpResponse<String> failed = port.post("/api/activations/retry", auth, "");
        assertThat(failed.statusCode()).isEqualTo(500);
        responses.add(failed);

        assertThat(responses).hasSizeGreaterThan(40);
        for (HttpResponse<String> r : responses) {
            String everything = r.headers().map() + "\n" + r.body();
            for (String secret : SECRETS) {
                assertThat(everything).as("%s %s", r.request().method(), r.request().uri())
                        .doesNotContain(secret);
            }
        }
    }
}
