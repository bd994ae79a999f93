package io.yima.sim.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract tests of the emulator over raw HTTP, independent of the edge's client. */
class WechatEmulatorIT {
    static final String KEY = "0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    WechatEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    WechatEmulator start(WechatEmulator.Settings settings) throws Exception {
        emulator = new WechatEmulator(settings).start();
        return emulator;
    }

    JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    String token() throws Exception {
        return get("/cgi-bin/token?grant_type=client_credential&appid=wxA&secret=S").path("access_token").asText();
    }

    HttpResponse<String> postRaw(String api, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/intp/marketcode/" + api
                        + (token == null ? "" : "?access_token=" + token)))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode post(String api, String token, String body) throws Exception {
        return JSON.readTree(postRaw(api, token, body).body());
    }

    long finishedApplication(String token, long count) throws Exception {
        long id = post("applycode", token, "{\"code_count\":" + count + ",\"isv_application_id\":\"isv-" + count + "\"}")
                .path("application_id").asLong();
        assertThat(id).isPositive();
        return id;
    }

    static String activation(long app, long start, long end) {
        return "{\"application_id\":" + app + ",\"activity_name\":\"A\",\"product_brand\":\"B\",\"product_title\":\"T\","
                + "\"product_code\":\"6901234567892\",\"wxa_appid\":\"wxm\",\"wxa_path\":\"pages/i\",\"wxa_type\":0,"
                + "\"code_start\":" + start + ",\"code_end\":" + end + "}";
    }

    @Test
    void tokenEndpointChecksCredentialsAndIssuesExpiringTokens() throws Exception {
        start(WechatEmulator.Settings.forTests(KEY).withCredentials("wxA", "S"));
        assertThat(get("/cgi-bin/token?grant_type=client_credential&appid=wxA&secret=S").path("expires_in").asLong())
                .isEqualTo(7200);
        assertThat(get("/cgi-bin/token?grant_type=client_credential&appid=wxB&secret=S").path("errcode").asInt()).isEqualTo(40013);
        assertThat(get("/cgi-bin/token?grant_type=client_credential&appid=wxA&secret=X").path("errcode").asInt()).isEqualTo(40125);
        assertThat(get("/cgi-bin/token?grant_type=other&appid=wxA&secret=S").path("errcode").asInt()).isEqualTo(40002);
        assertThat(emulator.tokensIssued()).isEqualTo(1);
    }

    @Test
    void tokensExpireAndANewTokenRetiresTheOldAfterTheGrace() throws Exception {
        start(WechatEmulator.Settings.forTests(KEY).withTokens(Duration.ofMillis(300), Duration.ofMillis(200)));
        String first = token();
        assertThat(post("applycodequery", first, "{\"application_id\":1}").path("errcode").asInt()).isEqualTo(80301);
        await().atMost(Duration.ofSeconds(3)).until(() ->
                post("applycodequery", first, "{\"application_id\":1}").path("errcode").asInt() == 42001);

        emulator.tokenTiming(Duration.ofHours(1), Duration.ofMillis(200));
        String a = token();
        String b = token();
        assertThat(post("applycodequery", a, "{\"application_id\":1}").path("errcode").asInt())
                .as("old token still valid within the grace").isEqualTo(80301);
        await().atMost(Duration.ofSeconds(3)).until(() ->
                post("applycodequery", a, "{\"application_id\":1}").path("errcode").asInt() == 40001);
        assertThat(post("applycodequery", b, "{\"application_id\":1}").path("errcode").asInt()).isEqualTo(80301);
        assertThat(post("applycodequery", null, "{\"application_id\":1}").path("errcode").asInt()).isEqualTo(41001);
        assertThat(post("applycodequery", "forged", "{\"application_id\":1}").path("errcode").asInt()).isEqualTo(40001);
    }

    @Test
    void applyIsIdempotentPerIsvIdAndFinishesAfterTheDelay() throws Exception {
        start(WechatEmulator.Settings.forTests(KEY).withGenerationDelay(Duration.ofMillis(300)));
        String t = token();
        long id = finishedApplication(t, 30_000);
        assertThat(finishedApplication(t, 30_000)).isEqualTo(id);
        JsonNode q = post("applycodequery", t, "{\"application_id\":" + id + "}");
        assertThat(q.path("status").asText()).isNotEqualTo("FINISH");
        assertThat(q.path("code_generate_list")).isEmpty();
        assertThat(post("applycodedownload", t, "{\"application_id\":" + id + ",\"code_start\":0,\"code_end\":9}")
                .path("errcode").asInt()).isEqualTo(47001);
        await().atMost(Duration.ofSeconds(3)).until(() ->
                post("applycodequery", t, "{\"isv_application_id\":\"isv-30000\"}").path("status").asText().equals("FINISH"));
        JsonNode done = post("applycodequery", t, "{\"application_id\":" + id + "}");
        assertThat(done.path("code_generate_list")).hasSize(3);
        assertThat(done.path("code_generate_list").get(2).path("code_start").asLong()).isEqualTo(20_000);
        assertThat(done.path("code_generate_list").get(2).path("code_end").asLong()).isEqualTo(29_999);
    }

    @Test
    void applyValidatesCountAndTypes() throws Exception {
        start(WechatEmulator.Settings.forTests(KEY));
        String t = token();
        assertThat(post("applycode", t, "{\"code_count\":15000,\"isv_application_id\":\"x\"}").path("errcode").asInt()).isEqualTo(47001);
        assertThat(post("applycode", t, "{\"code_count\":\"10000\",\"isv_application_id\":\"x\"}").path("errmsg").asText())
                .contains("code_count must be an integer");
        assertThat(post("applycode", t, "{\"code_count\":10000}").path("errmsg").asText()).contains("missing isv_application_id");
        assertThat(post("applycode", t, "{\"code_count\":10000,\"isv_application_id\":7}").path("errmsg").asText())
                .contains("isv_application_id must be a string");
        assertThat(post("applycode", t, "not json").path("errcode").asInt()).isEqualTo(47001);
        assertThat(post("applycodequery", t, "{\"isv_application_id\":\"nope\"}").path("errcode").asInt()).isEqualTo(80301);
        assertThat(post("applycodequery", t, "{}").path("errcode").asInt()).isEqualTo(47001);
    }

    @Test
    void downloadReturnsTheEncryptedRangeAndQueriesAnswerByCodeUrlAndIndex() throws Exception {
        start(WechatEmulator.Settings.forTests(KEY));
        String t = token();
        long id = finishedApplication(t, 10_000);
        String buffer = post("applycodedownload", t, "{\"application_id\":" + id + ",\"code_start\":100,\"code_end\":104}")
                .path("buffer").asText();
        String[] lines = PackageCipher.decrypt(buffer, KEY).split("\n");
        assertThat(lines).hasSize(5);
        String[] first = lines[0].split(" ");
        assertThat(first[0]).hasSize(361).matches("[01]+");
        assertThat(first[1]).hasSizeBetween(1, 9);
        assertThat(first[2]).isEqualTo("100");
        assertThat(first[3]).hasSize(28).startsWith("P.URL.CN/");
        assertThat(post("applycodedownload", t, "{\"application_id\":" + id + ",\"code_start\":9999,\"code_end\":10000}")
                .path("errcode").asInt()).isEqualTo(47001);

        assertThat(post("codeactive", t, activation(id, 100, 102)).path("errcode").asInt()).isZero();
        JsonNode byCode = post("codeactivequery", t, "{\"code\":\"" + first[1] + "\"}");
        assertThat(byCode.path("code_index").asLong()).isEqualTo(100);
        assertThat(byCode.path("code_start").asLong()).isEqualTo(100);
        assertThat(byCode.path("code_end").asLong()).isEqualTo(102);
        assertThat(byCode.path("product_code").asText()).isEqualTo("6901234567892");
        JsonNode byUrl = post("codeactivequery", t, "{\"code_url\":\"" + first[3] + "\"}");
        assertThat(byUrl.path("code").asText()).isEqualTo(first[1]);
        JsonNode notActive = post("codeactivequery", t, "{\"application_id\":" + id + ",\"code_index\":104}");
        assertThat(notActive.path("errcode").asInt()).isZero();
        assertThat(notActive.has("code_start")).isFalse();
        assertThat(post("codeactivequery", t, "{\"code\":\"NOPE\"}").path("errcode").asInt()).isEqualTo(47001);

        emulator.scan("openid-1", "ticket-1", id, 101);
        assertThat(post("tickettocode", t, "{\"openid\":\"openid-1\",\"code_ticket\":\"ticket-1\"}").path("code_index").asLong())
                .isEqualTo(101);
        assertThat(post("tickettocode", t, "{\"openid\":\"openid-2\",\"code_ticket\":\"ticket-1\"}").path("errcode").asInt())
                .isEqualTo(47001);
    }

    @Test
    void codeactiveRejectsRangesOutsideTheApplicationAndLogsEveryCall() throws Exception {
        start(WechatEmulator.Settings.forTests(KEY));
        String t = token();
        long id = finishedApplication(t, 10_000);
        assertThat(post("codeactive", t, activation(id, 9_990, 10_000)).path("errcode").asInt()).isEqualTo(47001);
        assertThat(post("codeactive", t, activation(id, 5, 4)).path("errcode").asInt()).isEqualTo(47001);
        assertThat(post("codeactive", t, activation(id + 1, 0, 4)).path("errcode").asInt()).isEqualTo(80301);
        assertThat(post("codeactive", t, activation(id, 0, 4).replace("\"wxa_type\":0", "\"wxa_type\":7"))
                .path("errcode").asInt()).isEqualTo(47001);
        assertThat(post("codeactive", t, activation(id, 0, 4).replace("\"product_brand\":\"B\",", ""))
                .path("errmsg").asText()).contains("missing product_brand");
        assertThat(post("codeactive", t, activation(id, 0, 9_999)).path("errcode").asInt()).isZero();
        assertThat(emulator.activations()).singleElement().satisfies(a -> assertThat(a.length()).isEqualTo(10_000));
        assertThat(emulator.calls("codeactive")).hasSize(6);
        assertThat(emulator.calls("codeactive").stream().filter(CallRecord::succeeded)).hasSize(1);
    }

    @Test
    void injectedFaultsAnswerAsConfiguredThenRecover() throws Exception {
        start(WechatEmulator.Settings.forTests(KEY));
        String t = token();
        emulator.faults().timeoutHold(Duration.ofSeconds(5))
                .next(Fault.HTTP_500, 1).next(Fault.HTML_PAGE, 1).next(Fault.MALFORMED_JSON, 1)
                .next(Fault.BUSY, 1).next(Fault.TOKEN_EXPIRED, 1).next(Fault.QUOTA_DAY, 1).next(Fault.QUOTA_MINUTE, 1)
                .next(Fault.TIMEOUT, 1);
        String q = "{\"application_id\":1}";
        assertThat(postRaw("applycodequery", t, q).statusCode()).isEqualTo(500);
        HttpResponse<String> html = postRaw("applycodequery", t, q);
        assertThat(html.statusCode()).isEqualTo(502);
        assertThat(html.body()).contains("<title>502 Bad Gateway</title>");
        assertThatThrownBy(() -> post("applycodequery", t, q)).hasMessageContaining("end-of-input");
        assertThat(post("applycodequery", t, q).path("errcode").asInt()).isEqualTo(-1);
        assertThat(post("applycodequery", t, q).path("errcode").asInt()).isEqualTo(42001);
        assertThat(post("applycodequery", t, q).path("errcode").asInt()).isEqualTo(45009);
        assertThat(post("applycodequery", t, q).path("errcode").asInt()).isEqualTo(45011);
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl()
                        + "/intp/marketcode/applycodequery?access_token=" + t)).timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofString(q)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(post("applycodequery", t, q).path("errcode").asInt()).isEqualTo(80301);

        emulator.faults().probability(Fault.BUSY, 1.0);
        assertThat(post("applycodequery", t, q).path("errcode").asInt()).isEqualTo(-1);
        emulator.faults().clear();
        assertThat(post("applycodequery", t, q).path("errcode").asInt()).isEqualTo(80301);
    }

    @Test
    void stateFileKeepsApplicationsAndActivationsAcrossRestarts(@TempDir Path dir) throws Exception {
        Path stateFile = dir.resolve("wechat-state.json");
        start(WechatEmulator.Settings.forTests(KEY).withStateFile(stateFile));
        String t = token();
        long id = finishedApplication(t, 20_000);
        assertThat(post("codeactive", t, activation(id, 10, 19)).path("errcode").asInt()).isZero();
        emulator.close();

        start(WechatEmulator.Settings.forTests(KEY).withStateFile(stateFile));
        String t2 = token();
        assertThat(post("applycodequery", t2, "{\"isv_application_id\":\"isv-20000\"}").path("application_id").asLong())
                .isEqualTo(id);
        JsonNode q = post("codeactivequery", t2, "{\"application_id\":" + id + ",\"code_index\":15}");
        assertThat(q.path("code_start").asLong()).isEqualTo(10);
        assertThat(q.path("wxa_type").asInt()).isZero();
        assertThat(finishedApplication(t2, 10_000)).isNotEqualTo(id);
    }
}
