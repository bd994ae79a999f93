package io.yima.drivers.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Crc16XmodemTest {
    @Test
    void standardCheckValueOf123456789Is31C3() {
        // CRC catalogue (reveng) check value for CRC-16/XMODEM.
        assertThat(Crc16Xmodem.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x31C3);
    }

    @Test
    void publicZ64VectorChecksOverTheBase64Text() {
        // docs/device-protocols.md §1.5: ":Z64:eJw7b/P5PG0RAwONLQDbAQB3sYGX:EB2D", taken from public code and recomputed there.
        String b64 = "eJw7b/P5PG0RAwONLQDbAQB3sYGX";
        assertThat(String.format("%04X", Crc16Xmodem.of(b64.getBytes(StandardCharsets.US_ASCII)))).isEqualTo("EB2D");
        // and its payload is a zlib stream (0x78 header), as docs/device-protocols.md §1.5 says
        byte[] z = Base64.getDecoder().decode(b64);
        assertThat(z[0]).isEqualTo((byte) 0x78);
        assertThat(ZplGraphicDecoder.inflate(z)).isNotEmpty();
    }

    @Test
    void crcOverDecodedBytesWouldNotMatchTheVector() {
        // docs/device-protocols.md §1.5 warns: the CRC is over the base64 text, not the decoded bytes.
        byte[] decoded = Base64.getDecoder().decode("eJw7b/P5PG0RAwONLQDbAQB3sYGX");
        assertThat(Crc16Xmodem.of(decoded)).isNotEqualTo(0xEB2D);
    }
}
