package io.yima.sim.status;

import static io.yima.sim.status.DashboardLine.awaitUi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.yima.line.LineState;
import io.yima.vault.CodeRecord;
import io.yima.vault.JobHistory;
import io.yima.vault.JobReport;
import io.yima.vault.JobState;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Issue 13's dashboard in a real headless Chromium over a real line: the edge daemon, the emulated printer,
 * scanner, PLC and WeChat API. Each test checks what a technician sees against an independent record (the
 * printer emulator's labels, the vault, the PLC's answers) and saves its screenshot to docs/images/ for
 * docs/operations.md.
 */
class DashboardLineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRunningLineShowsItsJobTheLastPrintedLabelAndTheJobHistoryWithDownloads() throws Exception {
        try (DashboardLine line = new DashboardLine(dir, "en-US")) {
            line.startJob("J-RUN", 200);
            line.print(1, 30);
            line.openDashboard();
            awaitUi(() -> assertThat(line.text("#line-L1 .figure-bound b")).isEqualTo("30"));
            assertThat(line.text("#line-L1 .line-state")).isEqualTo("RUNNING");
            assertThat(line.text("#line-L1 .job-title")).isEqualTo("Job J-RUN · SKU SKU-9 · batch B-1");
            assertThat(line.attribute("#line-L1 .reject-rate", "data-level")).isEqualTo("ok");
            assertThat(line.text("#line-L1 .device[data-device=printer]")).isEqualTo("printer: online");

            // The preview is the label item-30 got, as the printer emulator decoded the bytes it received.
            CodeRecord last = line.edge.vault().issuedTo("J-RUN", "item-30").orElseThrow();
            awaitUi(() -> assertThat(line.attribute("#preview-L1", "data-code")).isEqualTo(last.code()));
            awaitUi(() -> assertThat(line.read("#preview-L1 img", e -> e.getAttribute("naturalWidth"), "0"))
                    .isNotEqualTo("0"));
            List<String> printedReads = line.record.reads();
            String png = qr(line.get("/api/lines/L1/label.png").body());
            assertThat(png).as("preview PNG decodes to the code the printer last printed")
                    .isEqualTo(printedReads.get(printedReads.size() - 1)).isEqualTo(last.url());
            String prn = new String(line.get("/api/lines/L1/label.prn").body(), StandardCharsets.US_ASCII);
            assertThat(prn).startsWith("^XA").contains("^XZ");

            // History: the job with its account, and its codes as CSV and JSON, matching the vault's own report.
            awaitUi(() -> assertThat(line.text("#jobs tr[data-job=J-RUN] .bound b")).isEqualTo("30"));
            assertThat(line.text("#jobs tr[data-job=J-RUN] .job-state")).isEqualTo("open");
            JobReport report = line.edge.vault().jobReport("J-RUN");
            // without the token the download lists only the codes the job accounted for (CodeListingIT: all with it)
            long taken = report.bound() + report.rejected() + report.voided();
            HttpResponse<byte[]> csv = line.get(line.attribute("#jobs tr[data-job=J-RUN] a.download-csv", "href")
                    .replaceFirst("^http://[^/]+", ""));
            assertThat(csv.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
            List<String> rows = Arrays.asList(new String(csv.body(), StandardCharsets.UTF_8).split("\r\n"));
            assertThat(rows.get(0)).isEqualTo("code,item,state,reason,activation,application,index,updated");
            assertThat(rows).hasSize(1 + (int) taken);
            assertThat(rows).noneMatch(r -> r.contains(",RESERVED,") || r.contains(",SENT,"));
            List<String> printedRows = rows.stream().filter(r -> r.contains(",item-")).toList();
            assertThat(printedRows).hasSize(30).allMatch(r -> r.contains(",BOUND,"));
            assertThat(printedRows).anyMatch(r -> r.startsWith(last.code() + ",item-30,BOUND,"));
            JsonNode json = JSON.readTree(line.get("/api/jobs/J-RUN/codes.json").body());
            assertThat(json.path("job").asText()).isEqualTo("J-RUN");
            assertThat(json.path("codes").size()).isEqualTo((int) taken);

            line.screenshot("dashboard-running.png");
            List<LogEntry> scriptErrors = line.browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                    .filter(e -> !e.getMessage().contains("Failed to load resource")).toList();
            assertThat(scriptErrors).isEmpty();
        }
    }

    @Test
    void paperOutShowsAPlainSentenceTheActionAndSinceWhenAndClearsWhenPaperIsLoaded() throws Exception {
        try (DashboardLine line = new DashboardLine(dir, "en-US")) {
            line.startJob("J-FAULT", 100);
            line.print(1, 5);
            line.openDashboard();
            awaitUi(() -> assertThat(line.text("#line-L1 .line-state")).isEqualTo("RUNNING"));

            line.printer.faults().paperOutAfter(0);
            awaitUi(() -> assertThat(line.text("#line-L1 .fault[data-code=PAPER_OUT]"))
                    .startsWith("printer L1: Paper out: load labels and close the head; the line resumes by itself")
                    .containsPattern("since \\d\\d:\\d\\d:\\d\\d"));
            assertThat(line.text("#line-L1 .line-state")).isEqualTo("FAULT");
            assertThat(line.attribute("#line-L1 .device[data-device=printer]", "data-state")).isEqualTo("FAULT");
            assertThat(line.plc.call(5000, "PRINT", "item-6").fields()).as("the line really is held")
                    .startsWith("NAK").contains("PAUSED");
            assertThat(line.browser.getPageSource()).doesNotContain("[PAPER_OUT]");
            line.screenshot("dashboard-fault.png");

            line.printer.faults().loadPaper();
            awaitUi(() -> assertThat(line.text("#line-L1 .line-state")).isEqualTo("RUNNING"));
            assertThat(line.text("#line-L1 .faults")).isEmpty();
        }
    }

    @Test
    void whenTheEdgeStopsAnsweringTheStaleBannerComesAndTheFiguresGo() throws Exception {
        try (DashboardLine line = new DashboardLine(dir, "en-US")) {
            line.startJob("J-STALE", 100);
            line.print(1, 10);
            line.openDashboard();
            awaitUi(() -> assertThat(line.text("#line-L1 .figure-printed b")).isEqualTo("10"));
            assertThat(line.read("#stale", WebElement::isDisplayed, false)).isFalse();

            line.stopEdge();
            awaitUi(() -> assertThat(line.read("#stale", WebElement::isDisplayed, false)).isTrue());
            assertThat(line.text("#stale")).startsWith("Data is stale — the edge is not answering (last update ");
            assertThat(line.text("#line-L1 .figure-printed b")).as("the number is hidden, not left as if live")
                    .isEmpty();
            assertThat(line.text("#line-L1 .line-state")).as("no state shown as if it were live").isEmpty();
            assertThat(line.text("#line-L1 .device[data-device=printer]")).isEmpty();
            assertThat(line.text("#line-L1 .line-name")).as("the line's name stays readable")
                    .isEqualTo("L1 · triggered");
            line.screenshot("dashboard-stale.png");
        }
    }

    @Test
    void aChineseBrowserGetsChineseFirstAndTheToggleSwitchesToEnglish() throws Exception {
        try (DashboardLine line = new DashboardLine(dir, "zh-CN")) {
            line.startJob("J-ZH", 100);
            line.print(1, 8);
            line.openDashboard();
            awaitUi(() -> assertThat(line.text("#line-L1 .line-state")).isEqualTo("运行中"));
            assertThat(line.attribute("html", "lang")).isEqualTo("zh-CN");
            assertThat(line.text("[data-t=vaultStock]")).isEqualTo("码库库存");
            assertThat(line.text("#line-L1 .job-title")).isEqualTo("工单 J-ZH · 产品 SKU-9 · 批次 B-1");

            line.printer.faults().paperOutAfter(0);
            awaitUi(() -> assertThat(line.text("#line-L1 .fault[data-code=PAPER_OUT]"))
                    .startsWith("打印机 L1：缺纸：装入标签并合上打印头，产线会自动恢复").containsPattern("自 \\d\\d:\\d\\d:\\d\\d 起"));
            assertThat(line.text("#line-L1 .line-state")).isEqualTo("故障");
            line.screenshot("dashboard-zh.png");

            line.click("#lang");
            awaitUi(() -> assertThat(line.text("#line-L1 .fault[data-code=PAPER_OUT]"))
                    .startsWith("printer L1: Paper out: load labels and close the head; the line resumes by itself"));
            assertThat(line.text("#lang")).isEqualTo("中文");
            assertThat(line.attribute("html", "lang")).isEqualTo("en");
            line.click("#lang");
            awaitUi(() -> assertThat(line.text("#line-L1 .line-state")).isEqualTo("故障"));
        }
    }

    @Test
    void controlsNeedTheTokenAndEachIsInTheAuditLogWithWhoDidIt() throws Exception {
        try (DashboardLine line = new DashboardLine(dir, "en-US")) {
            line.startJob("J-CTL", 50);
            line.print(1, 5);
            line.openDashboard();
            awaitUi(() -> assertThat(line.text("#line-L1 .line-state")).isEqualTo("RUNNING"));
            assertThat(line.text("#line-L1 .line-controls")).as("no controls before login").isEmpty();

            line.click("#open-login");
            line.type("#login-token", "not-the-token-at-all-123");
            line.click("#login-submit");
            awaitUi(() -> assertThat(line.text("#login-error"))
                    .isEqualTo("Wrong token: check the token in /etc/yima-edge/status.token"));
            line.type("#login-token", DashboardLine.TOKEN);
            line.click("#login-submit");
            // the name is the token's holder in the token file (DashboardLine writes "Wang Wei:<token>")
            awaitUi(() -> assertThat(line.text("#session .operator")).isEqualTo("operator: Wang Wei"));

            line.click("#line-L1 button.pause");
            await().atMost(DashboardLine.UI).until(() -> line.line().snapshot().state() == LineState.PAUSED);
            awaitUi(() -> assertThat(line.text("#line-L1 .fault[data-code=PAUSED_BY_TECHNICIAN]"))
                    .startsWith("line L1: The line was paused by hand: press Resume when it is safe to go on"));
            assertThat(line.plc.call(5000, "PRINT", "item-6").fields()).startsWith("NAK").contains("PAUSED");
            line.click("#line-L1 button.resume");
            await().atMost(DashboardLine.UI).until(() -> line.line().snapshot().state() == LineState.RUNNING);
            line.print(7, 3);

            line.click("#line-L1 button.close-job");
            awaitUi(() -> assertThat(line.text("#line-L1 button.close-job"))
                    .isEqualTo("Close job J-CTL? Unconfirmed codes will be voided."));
            line.click("#line-L1 button.close-job");
            await().atMost(DashboardLine.UI).until(() -> line.edge.vault().jobState("J-CTL") == JobState.CLOSED);
            awaitUi(() -> assertThat(line.text("#jobs tr[data-job=J-CTL] .job-state")).isEqualTo("closed"));

            // Every control is in the vault's audit log with who and when, and on the page.
            List<JobHistory.AuditEntry> audit = new JobHistory(line.edge.vault()).auditTail(20).stream()
                    .filter(e -> e.kind().equals("CONTROL")).toList();
            assertThat(audit).extracting(e -> body(e).path("action").asText())
                    .containsExactly("close job", "resume", "pause");
            assertThat(audit).allSatisfy(e -> {
                assertThat(JSON.readTree(e.json()).path("by").asText()).isEqualTo("Wang Wei");
                assertThat(e.atMillis()).isPositive();
            });
            awaitUi(() -> assertThat(line.text("#audit")).contains("Wang Wei: pause L1 → done",
                    "Wang Wei: resume L1 → done", "Wang Wei: close job J-CTL → done"));

            // The WeChat emulator does not know the forged application: the bound codes' activation fails with
            // its errcode, and the page says why and what to check.
            awaitUi(() -> assertThat(line.text("#failed-list .failed-range .reason")).contains("80301"));
            assertThat(line.text("#failed-list .failed-range .hint"))
                    .isEqualTo("the application does not belong to this account: check application_id and appid"
                            + " in the config");
            line.browser.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 1550)); // audit log in view
            line.screenshot("dashboard-controls.png");

            line.type("#void-app", String.valueOf(DashboardLine.APP));
            line.type("#void-from", "4990");
            line.type("#void-to", "4999");
            line.click("#void-submit"); // first the question: what the range holds, nothing changes
            awaitUi(() -> assertThat(line.text("#void-preview")).startsWith("application " + DashboardLine.APP
                    + " index 4990–4999: 10 available codes will be voided"));
            assertThat(line.edge.vault().byIndex(DashboardLine.APP, 4995).orElseThrow().state())
                    .isEqualTo(io.yima.vault.CodeState.AVAILABLE);
            line.click("#void-go");
            awaitUi(() -> assertThat(line.text("#notice")).isEqualTo("10 codes voided"));
            assertThat(line.edge.vault().byIndex(DashboardLine.APP, 4995).orElseThrow().state())
                    .isEqualTo(io.yima.vault.CodeState.VOIDED);
            awaitUi(() -> assertThat(line.text("#audit")).contains("Wang Wei: void range"));

            line.click("#retry");
            awaitUi(() -> assertThat(line.text("#notice")).startsWith("done: retry activations ("));
            awaitUi(() -> assertThat(line.text("#audit")).contains("Wang Wei: retry activations"));
            assertThat(line.browser.getPageSource()).doesNotContain(DashboardLine.TOKEN)
                    .doesNotContain(DashboardLine.KEY);
        }
    }

    @Test
    void aRejectRateAboveTheThresholdsTurnsTheTileAmberThenRed() throws Exception {
        try (DashboardLine line = new DashboardLine(dir, "en-US")) {
            line.startJob("J-REJ", 400);
            line.print(1, 40);
            line.openDashboard();
            awaitUi(() -> assertThat(line.text("#line-L1 .figure-bound b")).isEqualTo("40"));
            assertThat(line.attribute("#line-L1", "class")).doesNotContain("reject-");

            line.scannerFaults.noReadRate(1.0);
            line.print(41, 1); // 1 of 41 = 2.4 %: at or above the default amber 2 %
            awaitUi(() -> assertThat(line.attribute("#line-L1 .reject-rate", "data-level")).isEqualTo("amber"));
            assertThat(line.attribute("#line-L1", "class")).contains("reject-amber");
            assertThat(line.text("#line-L1 .reject-rate")).isEqualTo("reject rate 2.4 %");

            line.print(42, 2); // 3 of 43 = 7.0 %: at or above the default red 5 %
            awaitUi(() -> assertThat(line.attribute("#line-L1 .reject-rate", "data-level")).isEqualTo("red"));
            assertThat(line.attribute("#line-L1", "class")).contains("reject-red");
            assertThat(line.read("#line-L1 .reject-rate", e -> e.getCssValue("background-color"), ""))
                    .isEqualTo("rgba(198, 40, 40, 1)");
        }
    }

    private static JsonNode body(JobHistory.AuditEntry e) {
        try {
            return JSON.readTree(e.json());
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
    }

    private static String qr(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }
}
