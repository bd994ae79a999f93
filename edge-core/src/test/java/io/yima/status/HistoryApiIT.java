package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's history, preview, session and audit endpoints on a real status port (127.0.0.1, port 0). */
class HistoryApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private StatusPort port;

    @BeforeEach
    void open() {
        port = StatusPort.withToken(dir);
    }

    @AfterEach
    void close() {
        port.close();
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = port.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void aJobsCodesStreamAsCsvPageByPageWithQuotingAndNoSpreadsheetFormulas() {
        port.history.withCodes(4_500);
        port.history.codes.add(new StatusHistory.JobCode("C-X", "=HYPERLINK(\"http://x\")", "REJECTED",
                "MISMATCH, read \"abc\"", null, 7, 99_999, null));

        HttpResponse<String> r = port.get("/api/jobs/J-1/codes.csv");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
        assertThat(r.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"job-J-1-codes.csv\"");
        assertThat(r.headers().firstValue("content-length")).as("streamed, not buffered").isEmpty();
        List<String> rows = List.of(r.body().split("\r\n"));
        assertThat(rows).hasSize(1 + 4_501);
        assertThat(rows.get(0)).isEqualTo(JobDownload.CSV_HEADER.strip());
        assertThat(rows.get(1)).isEqualTo("C00000000,item-0,BOUND,,PENDING,7,0,2026-12-04T14:02:11Z");
        assertThat(rows.get(4_501)).isEqualTo("C-X,\"'=HYPERLINK(\"\"http://x\"\")\",REJECTED,"
                + "\"MISMATCH, read \"\"abc\"\"\",,7,99999,");
        assertThat(port.history.pagesRead.get()).as("one vault read per page of %d", JobDownload.PAGE).isEqualTo(3);
        assertThat(port.history.threads).as("never on the I/O loop or the port's workers")
                .allMatch(t -> t.startsWith("status-blocking-"));
    }

    @Test
    void aJobsCodesAsJsonAndAnUnknownJobIs404() throws Exception {
        port.history.withCodes(2_000); // exactly one page: the empty page after it ends the download
        JsonNode body = json("/api/jobs/J-1/codes.json");
        assertThat(body.path("job").asText()).isEqualTo("J-1");
        assertThat(body.path("codes")).hasSize(2_000);
        assertThat(body.path("codes").get(5).path("item").asText()).isEqualTo("item-5");
        assertThat(body.path("codes").get(5).path("state").asText()).isEqualTo("BOUND");
        assertThat(body.path("codes").get(5).path("updated").asText()).isEqualTo("2026-12-04T14:02:11Z");

        HttpResponse<String> missing = port.get("/api/jobs/NOPE/codes.csv");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"no job NOPE\"}");
        assertThat(port.send(HttpRequest.newBuilder(URI.create(port.url("/api/jobs/J-1/codes.csv")))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(405);
    }

    @Test
    void recentJobsAreBoundedAndFailedActivationsCarryTheReason() throws Exception {
        assertThat(json("/api/jobs").path("jobs")).hasSize(20);
        assertThat(json("/api/jobs?limit=500").path("jobs")).hasSize(HistoryHandler.MAX_JOBS);
        assertThat(json("/api/jobs?limit=abc").path("jobs")).hasSize(20);
        JsonNode job = json("/api/jobs?limit=1").path("jobs").get(0);
        assertThat(job.path("id").asText()).isEqualTo("J-0");
        assertThat(job.path("application_id").asLong()).isEqualTo(7);
        assertThat(job.path("rejected").asLong()).isEqualTo(1);
        JsonNode failed = json("/api/activations/failed").path("failed").get(0);
        assertThat(failed.path("reason").asText()).isEqualTo("codeactive: errcode 80301 not yours");
        assertThat(failed.path("from").asLong()).isZero();
        assertThat(failed.path("to").asLong()).isEqualTo(9);
    }

    @Test
    void theUiSettingsComeFromTheStatusConfig() throws Exception {
        JsonNode ui = json("/api/ui");
        assertThat(ui.path("reject_amber_percent").asDouble()).isEqualTo(2.0);
        assertThat(ui.path("reject_red_percent").asDouble()).isEqualTo(5.0);
        assertThat(ui.path("stale_after_seconds").asInt()).isEqualTo(5);
        assertThat(ui.path("controls").asBoolean()).isTrue();
    }

    @Test
    void theLastLabelIs404UntilTheLinePrintedOneThenItsImageAndExactBytes() throws Exception {
        assertThat(json("/api/lines/L1/label").path("printed").asBoolean()).isFalse();
        HttpResponse<String> none = port.get("/api/lines/L1/label.png");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("line L1 has not printed a label yet");

        byte[] zpl = "^XA^FO10,10^GFA,1,1,1,:Z64:abc^FS^XZ".getBytes(StandardCharsets.US_ASCII);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        port.history.label = new StatusHistory.LabelPreview("L1", 7, 42, "3SR6U0NQF", "2026-12-04T14:02:11Z", "zpl",
                zpl, png);
        JsonNode meta = json("/api/lines/L1/label");
        assertThat(meta.path("printed").asBoolean()).isTrue();
        assertThat(meta.path("code").asText()).isEqualTo("3SR6U0NQF");
        assertThat(meta.path("index").asLong()).isEqualTo(42);
        assertThat(meta.path("bytes").asInt()).isEqualTo(zpl.length);
        HttpResponse<byte[]> image = port.http.send(HttpRequest.newBuilder(URI.create(port.url("/api/lines/L1/label.png")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(image.body()).isEqualTo(png);
        HttpResponse<byte[]> raw = port.http.send(HttpRequest.newBuilder(URI.create(port.url("/api/lines/L1/label.prn")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(raw.body()).isEqualTo(zpl);
        assertThat(raw.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"label-7-42.zpl\"");
        assertThat(port.get("/api/lines/L9/label").body()).isEqualTo("{\"error\":\"no line L9\"}");
    }

    @Test
    void theSessionCheckTellsARightTokenFromAWrongOneAndChangesNothing() throws Exception {
        HttpResponse<String> ok = port.send(HttpRequest.newBuilder(URI.create(port.url("/api/session")))
                .header("Authorization", "Bearer " + StatusPort.TOKEN)
                .header("X-Operator", "%E7%8E%8B%E4%BC%9F").build());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).path("operator").asText()).as("the token's holder, not the claimed name")
                .isEqualTo(BearerToken.SINGLE_HOLDER);
        HttpResponse<String> wrong = port.send(HttpRequest.newBuilder(URI.create(port.url("/api/session")))
                .header("Authorization", "Bearer nope-nope-nope-nope").build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).path("error").asText()).isEqualTo("valid bearer token required");
        assertThat(JSON.readTree(wrong.body()).path("code").asText()).isEqualTo("token_required");
        assertThat(port.line.calls).isEmpty();
        assertThat(port.history.audit).isEmpty();
    }

    @Test
    void everyAuthorisedControlIsAuditedWithWhoAndTheOutcome() throws Exception {
        post("/api/lines/L1/pause", "%E7%8E%8B%E4%BC%9F", "");
        post("/api/jobs/NOPE/close", null, "");
        post("/api/codes/void", "Li%0ANa", "{\"application\":7,\"from\":1,\"to\":3}");
        post("/api/lines/L1/resume", "x".repeat(300), "");
        HttpResponse<String> refused = port.post("/api/lines/L1/pause", "Bearer wrong-wrong-wrong-wrong", "");
        assertThat(refused.statusCode()).isEqualTo(401);

        List<StatusHistory.AuditEntry> audit = port.history.audit;
        assertThat(audit).hasSize(4).allMatch(e -> e.kind().equals("CONTROL"));
        assertThat(audit.get(0).body()).containsEntry("action", "pause").containsEntry("target", "L1")
                .containsEntry("by", BearerToken.SINGLE_HOLDER).containsEntry("outcome", "done");
        assertThat(audit.get(1).body()).containsEntry("action", "close job")
                .containsEntry("by", BearerToken.SINGLE_HOLDER).containsEntry("outcome", "refused: no job NOPE");
        assertThat(audit.get(2).body()).containsEntry("action", "void range")
                .containsEntry("target", "").containsEntry("application", "7").containsEntry("from", "1")
                .containsEntry("to", "3").containsEntry("voided", "3")
                .as("the range in fields of its own, never the raw request body").doesNotContainValue(
                        "{\"application\":7,\"from\":1,\"to\":3}");
        assertThat(audit).as("a name sent by the browser is not taken (OperatorTokenIT)")
                .allMatch(e -> e.body().get("by").equals(BearerToken.SINGLE_HOLDER));

        JsonNode tail = json("/api/audit?limit=2").path("entries");
        assertThat(tail).hasSize(2);
        assertThat(tail.get(0).path("body").path("action").asText()).isEqualTo("resume");
        assertThat(port.history.threads).allMatch(t -> t.startsWith("status-blocking-"));
    }

    private void post(String path, String operator, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(port.url(path)))
                .header("Authorization", "Bearer " + StatusPort.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (operator != null) {
            b.header("X-Operator", operator);
        }
        port.send(b.build());
    }
}
