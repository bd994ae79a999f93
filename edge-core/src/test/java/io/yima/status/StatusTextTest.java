package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Parts of /api/status that a daemon fills only with OPC UA on or a stock level set: rendered from the JSON the
 * status port answers with (the whole command runs against a real port in StatusCommandIT).
 */
class StatusTextTest {

    private static JsonNode json(String text) throws Exception {
        return StatusJson.MAPPER.readTree(text);
    }

    private static final String BASE = """
            {"edge_version":"1.0","uptime_seconds":60,
             "lines":[{"id":"L1","mode":"TRIGGERED","state":"RUNNING"}],
             "vault":[{"application_id":7,"available":900,"total":100000,"low_stock":true,"level":"red",
                       "low_since":"2026-12-06T08:15:00Z"}],
             "outbox":{},"export":null,"opcua":%s}
            """;

    @Test
    void opcUaStateEndpointAndFaultReasonInBothLanguages() throws Exception {
        TerminalWords en = new TerminalWords(TerminalWords.Lang.EN);
        TerminalWords zh = new TerminalWords(TerminalWords.Lang.ZH);
        JsonNode serving = json(BASE.formatted(
                "{\"state\":\"ONLINE\",\"endpoint\":\"opc.tcp://127.0.0.1:4840/yima\"}"));
        assertThat(StatusText.render(serving, en, 80)).contains("OPC UA:  online  opc.tcp://127.0.0.1:4840/yima");
        assertThat(StatusText.render(serving, zh, 80)).contains("OPC UA：  正常  opc.tcp://127.0.0.1:4840/yima");
        JsonNode failed = json(BASE.formatted("{\"state\":\"FAULT\",\"reason\":\"cannot listen on 127.0.0.1:4840\","
                + "\"since\":\"2026-12-06T08:00:01Z\"}"));
        assertThat(StatusText.render(failed, en, 80))
                .contains("OPC UA:  fault: cannot listen on 127.0.0.1:4840 since 08:00:01Z");
        assertThat(StatusText.render(json(BASE.formatted("null")), en, 80)).contains("OPC UA:  off");
        assertThat(StatusText.exitCode(failed)).as("OPC UA alone does not stop production").isZero();
    }

    @Test
    void modeAndStockLevelInWords() throws Exception {
        JsonNode s = json(BASE.formatted("null"));
        assertThat(StatusText.render(s, new TerminalWords(TerminalWords.Lang.ZH), 80))
                .contains("产线 L1  触发打印  运行中").contains("库存告急 自 08:15:00Z 起").doesNotContain("TRIGGERED");
        assertThat(StatusText.render(s, new TerminalWords(TerminalWords.Lang.EN), 80))
                .contains("Line L1  triggered  RUNNING").contains("STOCK CRITICAL since 08:15:00Z");
    }
}
