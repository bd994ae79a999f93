package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A case or pallet as the CLI and the job report show it: every field, and only the identity the unit has. */
class PackUnitJsonTest {
    static final PackUnit WECHAT_CASE = new PackUnit(7, "C$$$1", CaseCodeKind.WECHAT, PackLevel.CASE, "J1",
            PackState.UNPACKED, 3, List.of("T$$$$$$$1", "T$$$$$$$2"), 1_700_000_000_000L, 1_700_000_060_000L,
            "damaged, by anna", "P.URL.CN/0000000000000000001", null);
    static final PackUnit SSCC_PALLET = new PackUnit(8, "106141410000000001", CaseCodeKind.SSCC, PackLevel.PALLET,
            "J2", PackState.PACKED, 1, List.of("C$$$1"), 0L, 1_000L, null, null,
            "urn:epc:id:sscc:0614141.1000000000");

    @Test
    void aWechatCaseShowsItsUrlAndNoSscc() {
        ObjectNode o = PackUnitJson.of(WECHAT_CASE);
        assertThat(o.get("code").asText()).isEqualTo("C$$$1");
        assertThat(o.get("level").asText()).isEqualTo("CASE");
        assertThat(o.get("kind").asText()).isEqualTo("WECHAT");
        assertThat(o.get("url").asText()).isEqualTo("P.URL.CN/0000000000000000001");
        assertThat(o.has("sscc")).isFalse();
        assertThat(o.get("job_id").asText()).isEqualTo("J1");
        assertThat(o.get("state").asText()).isEqualTo("UNPACKED");
        assertThat(o.get("packed_with").asInt()).isEqualTo(3);
        assertThat(o.get("children")).extracting(JsonNode::asText).containsExactly("T$$$$$$$1", "T$$$$$$$2");
        assertThat(o.get("packed").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(o.get("updated").asText()).isEqualTo("2023-11-14T22:14:20Z");
        assertThat(o.get("reason").asText()).isEqualTo("damaged, by anna");
    }

    @Test
    void anSsccPalletShowsItsEpcUriAndNoUrl() {
        ObjectNode o = PackUnitJson.of(SSCC_PALLET);
        assertThat(o.get("sscc").asText()).isEqualTo("urn:epc:id:sscc:0614141.1000000000");
        assertThat(o.has("url")).isFalse();
        assertThat(o.get("level").asText()).isEqualTo("PALLET");
        assertThat(o.get("kind").asText()).isEqualTo("SSCC");
        assertThat(o.get("reason").isNull()).isTrue();
        assertThat(o.get("packed").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(o.get("updated").asText()).isEqualTo("1970-01-01T00:00:01Z");
        assertThat(o.get("children")).extracting(JsonNode::asText).containsExactly("C$$$1");
    }

    @Test
    void aTreeNamesTheUnitHoldingTheCodeAndTheUnitItIsOrNullForEither() {
        ObjectNode both = PackUnitJson.of(new PackTree("C$$$1", true, Optional.of(SSCC_PALLET),
                Optional.of(WECHAT_CASE)));
        assertThat(both.get("code").asText()).isEqualTo("C$$$1");
        assertThat(both.get("known").asBoolean()).isTrue();
        assertThat(both.get("parent").get("code").asText()).isEqualTo("106141410000000001");
        assertThat(both.get("unit").get("code").asText()).isEqualTo("C$$$1");

        ObjectNode none = PackUnitJson.of(new PackTree("X1", false, Optional.empty(), Optional.empty()));
        assertThat(none.get("known").asBoolean()).isFalse();
        assertThat(none.has("parent")).isTrue();
        assertThat(none.get("parent").isNull()).isTrue();
        assertThat(none.has("unit")).isTrue();
        assertThat(none.get("unit").isNull()).isTrue();
    }
}
