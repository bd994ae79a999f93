package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The code transitions write their event's JSON by hand: it must be the text Jackson wrote for them before. */
class TransitionEventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theHandWrittenBodyIsJacksonsTextForTheSameCodes() throws Exception {
        Random random = new Random(24);
        for (int count : new int[] {1, 2, 3, 32, 64}) {
            List<CodeRef> refs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long application = i % 3 == 0 ? 581865877L : random.nextLong() & Long.MAX_VALUE;
                long index = i % 4 == 0 ? 0 : random.nextInt(Integer.MAX_VALUE) + (long) random.nextInt(8) * (1L << 40);
                refs.add(new CodeRef(application, index));
            }
            List<List<Long>> codes = refs.stream().map(r -> List.of(r.applicationId(), r.index())).toList();
            assertThat(Transitions.codesJson(count, refs::get)).isEqualTo(JSON.writeValueAsString(Map.of("codes", codes)));
        }
    }

    @Test
    void aBatchAsTheVaultStoresItReadsBackAsItsCodes() throws Exception {
        String json = Transitions.codesJson(2, List.of(new CodeRef(7, 12), new CodeRef(7, 13))::get);
        assertThat(JSON.readTree(json).path("codes").get(1).get(1).asLong()).isEqualTo(13);
        assertThat(json).isEqualTo("{\"codes\":[[7,12],[7,13]]}");
    }
}
