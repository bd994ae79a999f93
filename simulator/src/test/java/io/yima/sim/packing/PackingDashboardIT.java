package io.yima.sim.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.sim.status.HeadlessChromium;
import io.yima.vault.CodeVault;
import io.yima.vault.JobHistory;
import io.yima.vault.PackState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's packing panel in a real browser against a running packing line: a technician logs in with the
 * status token, looks up an item, opens the case holding it, unpacks that case after confirming, and the vault
 * says the case is unpacked and its items free, with the unpack in the audit log under the token's holder. A
 * replacement the vault refuses (the new item is in another case) is shown in words and changes nothing.
 */
class PackingDashboardIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "packing-token-5e1c08b7d2a4";
    private static final Duration UI = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private WebDriver browser;

    @Test
    void aTechnicianLooksUpAnItemOpensItsCaseAndUnpacksItAndARefusedReplacementIsShownInWords() throws Exception {
        Path token = Files.writeString(dir.resolve("status.token"), "Wang Wei:" + TOKEN + "\n");
        Map<String, Object> status = Map.of("status", Map.of("bind", "127.0.0.1", "port", 0,
                "token_file", token.toString()));
        try (PackingLine line = new PackingLine(dir, 40, 6, new ScannerFaults(7), new ScannerFaults(11), null,
                Duration.ofSeconds(3), Map.of(), 0, status);
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            assertThat(PackingRun.run(line, plc, "JDASH", 22, 20)).isEqualTo(22);
            List<CasePacker.PackedCase> truth = line.packer.record();
            assertThat(truth).hasSize(4);
            List<String> caseCodes = truth.stream().map(c -> plc.cases.get(c.number()).caseCode()).toList();
            CodeVault vault = line.vault();
            browser = HeadlessChromium.start(dir, "en-US");
            try {
                browser.get("http://127.0.0.1:" + line.edge.statusPort() + "/");
                awaitUi(() -> assertThat(browser.findElement(By.id("open-login")).isDisplayed()).isTrue());
                // the case devices are tiles of the line, like the item printer and scanner
                awaitUi(() -> assertThat(text("#line-L1 .device[data-device=case_printer]"))
                        .isEqualTo("case printer: online"));
                assertThat(text("#line-L1 .device[data-device=case_reader]")).isEqualTo("case reader: online");
                click("#open-login");
                browser.findElement(By.id("login-token")).sendKeys(TOKEN);
                click("#login-submit");
                awaitUi(() -> assertThat(browser.findElement(By.id("packing")).isDisplayed()).isTrue());

                // an item of the first case: the panel names the case holding it
                String item = truth.get(0).items().get(2);
                lookUp(item);
                awaitUi(() -> assertThat(attribute("#pack-tree .pack-parent", "data-parent"))
                        .isEqualTo(caseCodes.get(0)));
                assertThat(text("#pack-tree .pack-parent")).contains(item).contains("is in case " + caseCodes.get(0))
                        .contains("(packed)");

                // the case: its children exactly as the packer put them in, then unpacked after a confirmation
                click("#pack-open-parent");
                String unit = "#pack-tree .pack-unit[data-unit='" + caseCodes.get(0) + "']";
                awaitUi(() -> assertThat(attribute(unit, "data-state")).isEqualTo("PACKED"));
                assertThat(browser.findElements(By.cssSelector(unit + " li.pack-child")))
                        .extracting(e -> e.getAttribute("data-child")).containsExactlyElementsOf(truth.get(0).items());
                click("#pack-unpack");
                awaitUi(() -> assertThat(browser.findElement(By.id("pack-confirm")).isDisplayed()).isTrue());
                assertThat(text("#pack-question")).startsWith("Unpack case " + caseCodes.get(0) + "? Its 6 children");
                assertThat(vault.packing().unit(caseCodes.get(0)).orElseThrow().state())
                        .as("nothing changes before the confirmation").isEqualTo(PackState.PACKED);
                browser.findElement(By.id("pack-reason")).sendKeys("case crushed");
                click("#pack-go");
                awaitUi(() -> assertThat(attribute(unit, "data-state")).isEqualTo("UNPACKED"));
                assertThat(text("#notice")).isEqualTo("done: unpack " + caseCodes.get(0));

                // the vault agrees: the case is unpacked, its items in no case, the unpack audited under the holder
                assertThat(vault.packing().unit(caseCodes.get(0)).orElseThrow().state()).isEqualTo(PackState.UNPACKED);
                for (String child : truth.get(0).items()) {
                    assertThat(vault.packing().tree(child).parent()).as("item %s", child).isEmpty();
                }
                List<JsonNode> controls = new JobHistory(vault).auditTail(10).stream()
                        .filter(e -> e.kind().equals("CONTROL")).map(e -> json(e.json())).toList();
                assertThat(controls).hasSize(1);
                assertThat(controls.get(0).path("action").asText()).isEqualTo("unpack case");
                assertThat(controls.get(0).path("target").asText()).isEqualTo(caseCodes.get(0));
                assertThat(controls.get(0).path("reason").asText()).isEqualTo("case crushed");
                assertThat(controls.get(0).path("by").asText()).isEqualTo("Wang Wei");
                awaitUi(() -> assertThat(text("#audit")).contains("Wang Wei: unpack case " + caseCodes.get(0) + " → done"));
                HeadlessChromium.screenshot(browser, "dashboard-packing.png");

                // replacing an item of the second case with one of the third: refused in words, nothing changes
                lookUp(caseCodes.get(1));
                String second = "#pack-tree .pack-unit[data-unit='" + caseCodes.get(1) + "']";
                awaitUi(() -> assertThat(attribute(second, "data-state")).isEqualTo("PACKED"));
                String old = truth.get(1).items().get(0);
                click(second + " li.pack-child[data-child='" + old + "'] button.replace");
                awaitUi(() -> assertThat(browser.findElement(By.id("pack-new")).isDisplayed()).isTrue());
                browser.findElement(By.id("pack-new")).sendKeys(truth.get(2).items().get(0));
                click("#pack-go");
                awaitUi(() -> assertThat(text("#pack-error")).startsWith("refused: replace in " + caseCodes.get(1)
                        + ": the code is already in another case (or on another pallet) ("));
                assertThat(vault.packing().unit(caseCodes.get(1)).orElseThrow().children())
                        .containsExactlyElementsOf(truth.get(1).items());
                assertThat(vault.packing().tree(truth.get(2).items().get(0)).parent().orElseThrow().code())
                        .isEqualTo(caseCodes.get(2));

                // a code the vault does not have is said so, in words
                lookUp("NOSUCHCODE1");
                awaitUi(() -> assertThat(text("#pack-error"))
                        .isEqualTo("the vault has no code NOSUCHCODE1: check that the right code was scanned"));
                lookUp(caseCodes.get(1));
                awaitUi(() -> assertThat(attribute(second, "data-state")).isEqualTo("PACKED"));

                // the same panel in Chinese
                click("#lang");
                awaitUi(() -> assertThat(text("#packing h2")).isEqualTo("包装层级：查码与返工"));
                assertThat(text(second + " > div")).startsWith("箱 " + caseCodes.get(1) + " · 已装好 · 工单 JDASH");
                assertThat(text("#pack-unpack")).isEqualTo("拆箱");
                assertThat(text("#line-L1 .device[data-device=case_printer]")).isEqualTo("箱码打印机: 正常");
            } finally {
                browser.quit();
            }
        }
    }

    private void lookUp(String code) {
        WebElement input = browser.findElement(By.id("pack-code"));
        input.clear();
        input.sendKeys(code);
        click("#pack-lookup");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String text(String css) {
        return read(css, WebElement::getText, "");
    }

    private String attribute(String css, String name) {
        return read(css, e -> e.getAttribute(name), "");
    }

    /** The status panels re-render every second; read from the fresh DOM, again if an element went stale. */
    private <T> T read(String css, Function<WebElement, T> what, T absent) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> found = browser.findElements(By.cssSelector(css));
                return found.isEmpty() ? absent : what.apply(found.get(0));
            } catch (StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private void click(String css) {
        for (int attempt = 0; ; attempt++) {
            try {
                browser.findElement(By.cssSelector(css)).click();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static void awaitUi(org.awaitility.core.ThrowingRunnable check) {
        await().atMost(UI).pollInterval(Duration.ofMillis(200)).untilAsserted(check);
    }
}
