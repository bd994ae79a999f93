package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log names the holder of the token used, on a real status port; a name the browser sends is not taken. */
class OperatorTokenIT {

    private static final String WANG = "wang-7c1e9a0b5d3f2e4a6b8c";
    private static final String LI = "li-0f1e2d3c4b5a69788796a5b4";

    @TempDir
    Path dir;

    private static HttpResponse<String> send(StatusPort port, String method, String path, String token,
                                             String claimedName) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(port.url(path)))
                .header("Authorization", "Bearer " + token)
                .header("X-Operator", claimedName)
                .method(method, HttpRequest.BodyPublishers.noBody());
        return port.send(b.build());
    }

    @Test
    void eachOperatorsTokenIsAuditedUnderTheirNameWhateverTheBrowserClaims() throws Exception {
        try (StatusPort port = StatusPort.with(dir, "# status tokens, one per operator\n王伟:" + WANG + "\n\nLi Na: "
                + LI + "\n", UnaryOperator.identity())) {
            assertThat(send(port, "POST", "/api/lines/L1/pause", WANG, "Li%20Na").statusCode()).isEqualTo(200);
            assertThat(send(port, "POST", "/api/lines/L1/resume", LI, "%E7%8E%8B%E4%BC%9F").statusCode())
                    .isEqualTo(200);
            assertThat(port.history.audit).hasSize(2);
            assertThat(port.history.audit.get(0).body()).containsEntry("action", "pause").containsEntry("by", "王伟");
            assertThat(port.history.audit.get(1).body()).containsEntry("action", "resume").containsEntry("by", "Li Na");

            HttpResponse<String> session = send(port, "GET", "/api/session", LI, "admin");
            assertThat(new ObjectMapper().readTree(session.body()).path("operator").asText()).isEqualTo("Li Na");
        }
    }

    @Test
    void aSingleTokenFileIsAuditedAsTheTokenHolder() {
        try (StatusPort port = StatusPort.with(dir, StatusPort.TOKEN + "\n", UnaryOperator.identity())) {
            assertThat(send(port, "POST", "/api/lines/L1/pause", StatusPort.TOKEN, "boss").statusCode()).isEqualTo(200);
            assertThat(port.history.audit.get(0).body()).containsEntry("by", BearerToken.SINGLE_HOLDER);
        }
    }
}
