package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.yima.daemon.VaultPackingControls;
import io.yima.vault.CaseCodeKind;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.PackLevel;
import io.yima.vault.PackState;
import io.yima.vault.PackingFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packing endpoints of a real status port on 127.0.0.1 over a real vault file: the tree a warehouse scanner
 * asks for and the rework controls, each refused without the token and audited with it.
 */
class PackingTreeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Bearer " + StatusPort.TOKEN;
    @TempDir
    Path dir;
    CodeVault vault;
    final FakeLine line = new FakeLine();
    final MemoryHistory history = new MemoryHistory();
    final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final HttpClient http = HttpClient.newHttpClient();
    StatusServer server;
    List<String> items;
    String sscc;
    CodeRecord label;
    String pallet;

    @BeforeEach
    void aVaultWithCasesAndAStatusPort() throws Exception {
        vault = PackingFixture.vault(dir.resolve("vault.db"));
        PackingFixture.job(vault, "J1", "L1");
        items = PackingFixture.boundItems(vault, "J1", 8);
        label = PackingFixture.sentCaseLabels(vault, "J1", 1).get(0);
        sscc = vault.packing().reserveSscc(PackingFixture.PREFIX, 1).digits();
        vault.packing().pack("J1", PackLevel.CASE, sscc, CaseCodeKind.SSCC, 3, items.subList(0, 3));
        vault.packing().pack("J1", PackLevel.CASE, label.code(), CaseCodeKind.WECHAT, 2, items.subList(3, 5));
        pallet = vault.packing().reserveSscc(PackingFixture.PREFIX, 0).digits();
        vault.packing().pack("J1", PackLevel.PALLET, pallet, CaseCodeKind.SSCC, 1, List.of(label.code()));
        Path token = Files.writeString(dir.resolve("status.token"), StatusPort.TOKEN + "\n");
        server = StatusServer.start(new StatusConfig("127.0.0.1", 0, token, 10_000).withMaxWrongTokens(1000), line,
                line, history, new VaultPackingControls(vault), new EdgeMetrics(), loop);
    }

    @AfterEach
    void close() {
        server.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        vault.close();
    }

    private HttpResponse<String> send(String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String seg(String code) {
        return URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void theTreeNeedsTheTokenAndAnswersParentAndChildren() throws Exception {
        String itemPath = "/api/codes/" + seg(items.get(3)) + "/tree";
        assertThat(send("GET", itemPath, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", itemPath, "Bearer wrong", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", itemPath, AUTH, "").statusCode()).isEqualTo(405);

        HttpResponse<String> item = send("GET", itemPath, AUTH, null);
        assertThat(item.statusCode()).isEqualTo(200);
        JsonNode t = JSON.readTree(item.body());
        assertThat(t.path("parent").path("code").asText()).isEqualTo(label.code());
        assertThat(t.path("parent").path("children")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(items.subList(3, 5));
        assertThat(t.path("unit").isNull()).isTrue();

        // the case label as a scanner reads it: its URL (with slashes) in one path segment
        JsonNode box = JSON.readTree(send("GET", "/api/codes/" + seg(label.url()) + "/tree", AUTH, null).body());
        assertThat(box.path("unit").path("level").asText()).isEqualTo("CASE");
        assertThat(box.path("parent").path("code").asText()).isEqualTo(pallet);

        JsonNode bySscc = JSON.readTree(send("GET", "/api/codes/" + seg("(00)" + sscc) + "/tree", AUTH, null)
                .body());
        assertThat(bySscc.path("unit").path("children")).hasSize(3);
        assertThat(bySscc.path("unit").path("sscc").asText()).startsWith("urn:epc:id:sscc:0614141.1");

        HttpResponse<String> unknown = send("GET", "/api/codes/NOSUCH/tree", AUTH, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no code NOSUCH");
        assertThat(send("GET", "/api/codes/" + "1".repeat(401) + "/tree", AUTH, null).statusCode()).isEqualTo(400);
        assertThat(history.audit).as("a question is not audited").isEmpty();
    }

    @Test
    void reworkControlsNeedTheTokenChangeTheVaultAndAreAudited() throws Exception {
        String unpack = "/api/cases/" + sscc + "/unpack";
        assertThat(send("POST", unpack, null, "{}").statusCode()).isEqualTo(401);
        assertThat(send("GET", unpack, AUTH, null).statusCode()).isEqualTo(405);
        assertThat(vault.packing().unit(sscc).orElseThrow().state()).isEqualTo(PackState.PACKED);
        assertThat(history.audit).isEmpty();

        HttpResponse<String> replaced = send("POST", "/api/cases/" + sscc + "/replace", AUTH,
                "{\"old\":\"" + items.get(0) + "\",\"new\":\"" + items.get(6) + "\"}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(JSON.readTree(replaced.body()).path("children")).extracting(JsonNode::asText)
                .containsExactly(items.get(1), items.get(2), items.get(6));
        assertThat(send("POST", "/api/cases/" + sscc + "/replace", AUTH, "{\"old\":\"x\"}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/cases/" + sscc + "/replace", AUTH, "not json").statusCode()).isEqualTo(400);

        HttpResponse<String> onPallet = send("POST", "/api/cases/" + label.code() + "/unpack", AUTH, "");
        assertThat(onPallet.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(onPallet.body()).path("reason").asText()).isEqualTo("ON_PALLET");

        HttpResponse<String> r = send("POST", unpack, AUTH, "{\"reason\":\"label smudged\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(vault.packing().unit(sscc).orElseThrow().state()).isEqualTo(PackState.UNPACKED);
        assertThat(vault.packing().tree(items.get(1)).parent()).isEmpty();

        assertThat(send("POST", "/api/cases/" + sscc + "/void", AUTH, "").statusCode()).isEqualTo(200);
        assertThat(vault.packing().unit(sscc).orElseThrow().state()).isEqualTo(PackState.VOIDED);
        HttpResponse<String> unknown = send("POST", "/api/cases/424242/void", AUTH, "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("reason").asText()).isEqualTo("UNKNOWN_UNIT");

        assertThat(history.audit).extracting(e -> e.body().get("action")).containsExactly("replace in case",
                "unpack case", "unpack case", "void case", "void case");
        StatusHistory.AuditEntry done = history.audit.get(2);
        assertThat(done.body()).containsEntry("target", sscc).containsEntry("outcome", "done")
                .containsEntry("reason", "label smudged");
        assertThat((String) done.body().get("by")).isNotBlank();
        assertThat(history.audit.get(1).body()).containsEntry("refusal", "ON_PALLET");
        assertThat(history.audit.toString()).doesNotContain(StatusPort.TOKEN);
    }
}
