package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlKeyTest {
    @Test
    void guideUrlPacksIntoThirteenBytesAndBack() {
        // Sample URL: the golden sample in docs/vault.md (WeChat guide example line).
        Object packed = UrlKey.encode("P.URL.CN/0V/IXO*FWWYLZLXUXGR");
        assertThat(packed).isInstanceOf(byte[].class);
        assertThat((byte[]) packed).hasSize(13);
        assertThat(UrlKey.decode(packed)).isEqualTo("P.URL.CN/0V/IXO*FWWYLZLXUXGR");
    }

    @Test
    void extremeTailsSurviveTheRoundTrip() {
        for (String tail : new String[] {"0000000000000000000", "::::::::::::::::::::".substring(1), "Z$%*+-./:0123456789"}) {
            assertThat(UrlKey.decode(UrlKey.encode("P.URL.CN/" + tail))).isEqualTo("P.URL.CN/" + tail);
        }
    }

    @Test
    void otherUrlsAreKeptAsText() {
        assertThat(UrlKey.encode("https://w.url.cn/abcdefghijk")).isEqualTo("https://w.url.cn/abcdefghijk");
        assertThat(UrlKey.encode("P.URL.CN/0v/IXO*FWWYLZLXUXGR")).isEqualTo("P.URL.CN/0v/IXO*FWWYLZLXUXGR");
        assertThat(UrlKey.decode("P.URL.CN/0v/IXO*FWWYLZLXUXGR")).isEqualTo("P.URL.CN/0v/IXO*FWWYLZLXUXGR");
    }
}
