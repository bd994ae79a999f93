package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Host header on a real status port: what a DNS-rebinding page would send is refused, scrapers are not. */
class HostCheckIT {

    private static final InetAddress LOCAL = InetAddress.getLoopbackAddress();
    private static final String RIGHT = "Bearer " + StatusPort.TOKEN;

    @TempDir
    Path dir;

    @Test
    void aForeignNameIsRefused421WithTheKeyToSetAndNothingChanges() {
        try (StatusPort port = StatusPort.with(dir, StatusPort.TOKEN, UnaryOperator.identity())) {
            int p = port.server.port();
            RawHttp read = RawHttp.send(LOCAL, p, "GET", "/api/status", "evil.example:" + p, null);
            assertThat(read.status()).isEqualTo(421);
            assertThat(read.body()).contains("does not answer to the name 'evil.example:" + p + "'")
                    .contains("status.allowed_hosts");
            assertThat(RawHttp.send(LOCAL, p, "GET", "/", "evil.example", null).status()).isEqualTo(421);
            assertThat(RawHttp.send(LOCAL, p, "GET", "/api/jobs/J-1/codes.csv", "evil.example", null).status())
                    .isEqualTo(421);
            assertThat(RawHttp.send(LOCAL, p, "POST", "/api/lines/L1/pause", "evil.example:" + p, RIGHT).status())
                    .isEqualTo(421);
            assertThat(port.line.calls).isEmpty();
            assertThat(port.get("/metrics").body())
                    .contains("yima_requests_refused_total{port=\"status\",reason=\"421\"} 4.0");
        }
    }

    @Test
    void addressesLocalhostAndNoHostAreAnswered() {
        try (StatusPort port = StatusPort.with(dir, StatusPort.TOKEN, UnaryOperator.identity())) {
            int p = port.server.port();
            for (String host : List.of("127.0.0.1:" + p, "127.0.0.1", "10.20.30.40:" + p, "[::1]:" + p,
                    "localhost:" + p, "LOCALHOST.")) {
                assertThat(RawHttp.send(LOCAL, p, "GET", "/api/status", host, null).status()).as(host).isEqualTo(200);
            }
            assertThat(RawHttp.send(LOCAL, p, "GET", "/api/status", null, null).status()).isEqualTo(200);
            assertThat(RawHttp.send(LOCAL, p, "POST", "/api/lines/L1/pause", "127.0.0.1:" + p, RIGHT).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void healthAndMetricsAnswerWhateverTheName() {
        try (StatusPort port = StatusPort.with(dir, StatusPort.TOKEN, UnaryOperator.identity())) {
            int p = port.server.port();
            RawHttp metrics = RawHttp.send(LOCAL, p, "GET", "/metrics", "prometheus-target.factory.local:" + p, null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("# HELP yima_activation_failures_total");
            assertThat(RawHttp.send(LOCAL, p, "GET", "/health", "edge01", null).status()).isNotEqualTo(421);
        }
    }

    @Test
    void aConfiguredNameIsAnsweredWithoutCaseOrTrailingDot() {
        try (StatusPort port = StatusPort.with(dir, StatusPort.TOKEN,
                c -> c.withAllowedHosts(List.of("edge01.factory.local")))) {
            int p = port.server.port();
            assertThat(RawHttp.send(LOCAL, p, "GET", "/api/status", "EDGE01.factory.local.:" + p, null).status())
                    .isEqualTo(200);
            assertThat(RawHttp.send(LOCAL, p, "GET", "/api/status", "edge01.factory.local.evil.example", null)
                    .status()).isEqualTo(421);
        }
    }

    @Test
    void aBadAllowedHostIsAConfigErrorNamingTheEntry() {
        StatusConfig c = StatusConfig.defaults().withAllowedHosts(List.of("edge01", "http://edge02:8080/"));
        assertThat(c.validate()).singleElement().asString()
                .startsWith("status.allowed_hosts[1]: 'http://edge02:8080/' is not a host name");
    }
}
