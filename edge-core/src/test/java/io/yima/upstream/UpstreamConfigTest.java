package io.yima.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamConfigTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static UpstreamConfig parse(String yaml) throws Exception {
        return YAML.readValue(yaml, UpstreamConfig.class);
    }

    @Test
    void snakeCaseKeysAndHumanDurationsAreRead() throws Exception {
        UpstreamConfig c = parse("""
                base_url: http://127.0.0.1:8089/
                appid: wx123
                secret_file: /etc/yima/wechat-secret
                connect_timeout: 250ms
                request_timeout: PT10S
                flush_max_delay: 2m
                backoff_max: 1500ms
                max_range_length: 5000
                max_requests_per_second: 5.5
                """);
        assertThat(c.baseUrl()).isEqualTo("http://127.0.0.1:8089");
        assertThat(c.secretFile()).isEqualTo(Path.of("/etc/yima/wechat-secret"));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.flushMaxDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.backoffMax()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.maxRangeLength()).isEqualTo(5000);
        assertThat(c.maxRequestsPerSecond()).isEqualTo(5.5);
        assertThat(c.validate()).isSameAs(c);
    }

    @Test
    void omittedKeysTakeDefaults() throws Exception {
        UpstreamConfig c = parse("appid: wx123\n");
        assertThat(c.baseUrl()).isEqualTo("https://api.weixin.qq.com");
        assertThat(c.secretEnv()).isEqualTo("YIMA_WECHAT_SECRET");
        assertThat(c.maxAttempts()).isEqualTo(5);
        assertThat(c.quotaZone()).isEqualTo("Asia/Shanghai");
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void everyProblemNamesItsKey() throws Exception {
        UpstreamConfig c = parse("""
                base_url: api.weixin.qq.com
                token_file: /run/token
                token_command: cat /run/token
                max_range_length: 0
                max_requests_per_second: 0
                backoff_min: 2s
                backoff_max: 1s
                quota_zone: Mars/Olympus
                """);
        assertThat(c.problems()).containsExactlyInAnyOrder(
                "upstream.base_url: must be an http(s) URL with a host, got 'api.weixin.qq.com'",
                "upstream.token_command: give token_file or token_command, not both",
                "upstream.backoff_max: must be at least backoff_min (PT2S)",
                "upstream.max_range_length: must be at least 1, got 0",
                "upstream.max_requests_per_second: must be positive, got 0.0",
                "upstream.quota_zone: unknown time zone 'Mars/Olympus'");
        assertThatThrownBy(c::validate).hasMessageContaining("upstream.base_url");
        assertThat(UpstreamConfig.defaults().problems())
                .containsExactly("upstream.appid: required unless token_file or token_command is set");
    }

    @Test
    void unknownKeysAndBadDurationsAreRefused() {
        assertThatThrownBy(() -> parse("apid: wx\n")).hasMessageContaining("apid");
        assertThatThrownBy(() -> parse("request_timeout: soon\n")).hasMessageContaining("250ms, 5s");
    }
}
