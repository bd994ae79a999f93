package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlAuthIT extends OnStatusPort {

    /** Every mutating endpoint with a body it would accept. */
    static final List<String[]> CONTROLS = List.of(
            new String[] {"/api/lines/L1/pause", ""},
            new String[] {"/api/lines/L1/resume", ""},
            new String[] {"/api/jobs/J-1/close", ""},
            new String[] {"/api/codes/void", "{\"application\":7,\"from\":10,\"to\":19}"},
            new String[] {"/api/activations/retry", ""});

    @Test
    void everyControlRefusesWithoutTokenWithWrongTokenAndOverGet() {
        // 20 wrong tokens from one address: with the default limit the sixth would be 429 (WrongTokenLimitIT)
        port.close();
        port = StatusPort.with(dir, StatusPort.TOKEN, c -> c.withMaxWrongTokens(1000));
        for (String[] c : CONTROLS) {
            assertThat(port.post(c[0], null, c[1]).statusCode()).as("no token %s", c[0]).isEqualTo(401);
            assertThat(port.post(c[0], "Bearer wrong-" + StatusPort.TOKEN, c[1]).statusCode())
                    .as("wrong token %s", c[0]).isEqualTo(401);
            assertThat(port.post(c[0], "Bearer " + StatusPort.TOKEN.substring(1), c[1]).statusCode())
                    .as("truncated token %s", c[0]).isEqualTo(401);
            assertThat(port.post(c[0], StatusPort.TOKEN, c[1]).statusCode())
                    .as("token without Bearer %s", c[0]).isEqualTo(401);
            assertThat(port.post(c[0], "Basic " + StatusPort.TOKEN, c[1]).statusCode())
                    .as("basic auth %s", c[0]).isEqualTo(401);
            HttpResponse<String> get = port.send(HttpRequest.newBuilder(URI.create(port.url(c[0])))
                    .header("Authorization", "Bearer " + StatusPort.TOKEN).GET().build());
            assertThat(get.statusCode()).as("GET %s", c[0]).isEqualTo(405);
            assertThat(get.headers().firstValue("allow")).hasValue("POST");
        }
        assertThat(port.line.calls).isEmpty();
        assertThat(port.line.state).isEqualTo(StatusSnapshot.LineState.RUNNING);
    }

    @Test
    void everyControlActsWithTheToken() {
        for (String[] c : CONTROLS) {
            HttpResponse<String> r = port.post(c[0], "Bearer " + StatusPort.TOKEN, c[1]);
            assertThat(r.statusCode()).as("%s -> %s", c[0], r.body()).isEqualTo(200);
        }
        assertThat(port.line.calls).containsExactly(
                "pause L1", "resume L1", "close J-1", "void 7 10..19", "retry");
    }

    @Test
    void aDryRunVoidSaysWhatTheRangeHoldsAndChangesNothing() throws Exception {
        HttpResponse<String> r = port.post("/api/codes/void", "Bearer " + StatusPort.TOKEN,
                "{\"application\":7,\"from\":100,\"to\":149,\"dry_run\":true}");
        assertThat(r.statusCode()).isEqualTo(200);
        // the same JSON whatever the order of its fields
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(r.body()))
                .isEqualTo(json.readTree("{\"would_void\":50,\"states\":{\"AVAILABLE\":50,\"BOUND\":0}}"));
        assertThat(port.line.calls).noneMatch(c -> c.startsWith("void"));
        assertThat(port.history.audit).as("a question is not audited").isEmpty();
    }

    @Test
    void voidAnswersHowManyCodesChanged() {
        HttpResponse<String> r = port.post("/api/codes/void", "Bearer " + StatusPort.TOKEN,
                "{\"application\":7,\"from\":100,\"to\":149}");
        assertThat(r.body()).isEqualTo("{\"voided\":50,\"states\":{\"AVAILABLE\":50,\"BOUND\":0}}");
    }

    @Test
    void unknownLineOrJobIs404AndAnImpossibleChangeIs409() {
        String auth = "Bearer " + StatusPort.TOKEN;
        HttpResponse<String> line = port.post("/api/lines/L9/pause", auth, "");
        assertThat(line.statusCode()).isEqualTo(404);
        assertThat(line.body()).contains("no line L9");
        assertThat(port.post("/api/jobs/J-9/close", auth, "").statusCode()).isEqualTo(404);
        assertThat(port.post("/api/codes/void", auth, "{\"application\":8,\"from\":1,\"to\":2}").statusCode())
                .isEqualTo(404);

        assertThat(port.post("/api/jobs/J-1/close", auth, "").statusCode()).isEqualTo(200);
        HttpResponse<String> again = port.post("/api/jobs/J-1/close", auth, "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already closed");
        assertThat(port.line.calls).containsExactly("close J-1");
    }

    @Test
    void aBadVoidBodyIs400NamingTheFieldAndVoidsNothing() {
        String auth = "Bearer " + StatusPort.TOKEN;
        assertThat(port.post("/api/codes/void", auth, "{\"application\":7,\"from\":-1,\"to\":3}").body())
                .contains("from: must be a non-negative integer");
        assertThat(port.post("/api/codes/void", auth, "{\"application\":7,\"from\":1}").body())
                .contains("to: must be a non-negative integer");
        assertThat(port.post("/api/codes/void", auth, "{\"application\":\"7\",\"from\":1,\"to\":2}").body())
                .contains("application: must be a non-negative integer");
        assertThat(port.post("/api/codes/void", auth, "{\"application\":7,\"from\":5,\"to\":4}").statusCode())
                .isEqualTo(400);
        assertThat(port.post("/api/codes/void", auth, "not json").body()).contains("not valid JSON");
        assertThat(port.post("/api/codes/void", auth, "[1,2]").statusCode()).isEqualTo(400);
        assertThat(port.line.calls).isEmpty();
    }

    @Test
    void withoutATokenFileEveryControlIsRefused() {
        try (StatusPort noToken = StatusPort.withoutToken()) {
            for (String[] c : CONTROLS) {
                HttpResponse<String> r = noToken.post(c[0], "Bearer ", c[1]);
                assertThat(r.statusCode()).isEqualTo(401);
                assertThat(r.body()).contains("no status.token_file configured");
            }
            assertThat(noToken.line.calls).isEmpty();
        }
    }
}
