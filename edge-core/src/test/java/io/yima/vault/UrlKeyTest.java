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
    void decodingAgreesWithBigNumberArithmeticForRandomTails() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:";
        java.util.Random random = new java.util.Random(581865877);
        java.math.BigInteger base = java.math.BigInteger.valueOf(alphabet.length());
        for (int n = 0; n < 20_000; n++) {
            StringBuilder tail = new StringBuilder();
            for (int i = 0; i < 19; i++) {
                tail.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] packed = (byte[]) UrlKey.encode("P.URL.CN/" + tail);
            // the reference: the 13 bytes as one unsigned number, written in base 44
            java.math.BigInteger v = new java.math.BigInteger(1, packed);
            char[] expected = new char[19];
            for (int i = 18; i >= 0; i--) {
                expected[i] = alphabet.charAt(v.mod(base).intValue());
                v = v.divide(base);
            }
            assertThat(new String(expected)).isEqualTo(tail.toString());
            assertThat(UrlKey.decode(packed)).isEqualTo("P.URL.CN/" + tail);
        }
    }

    @Test
    void otherUrlsAreKeptAsText() {
        assertThat(UrlKey.encode("https://w.url.cn/abcdefghijk")).isEqualTo("https://w.url.cn/abcdefghijk");
        assertThat(UrlKey.encode("P.URL.CN/0v/IXO*FWWYLZLXUXGR")).isEqualTo("P.URL.CN/0v/IXO*FWWYLZLXUXGR");
        assertThat(UrlKey.decode("P.URL.CN/0v/IXO*FWWYLZLXUXGR")).isEqualTo("P.URL.CN/0v/IXO*FWWYLZLXUXGR");
    }
}
