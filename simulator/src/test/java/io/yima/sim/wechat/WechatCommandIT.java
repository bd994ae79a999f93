package io.yima.sim.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code yima-sim wechat} as a technician starts it: a separate JVM that prints its address and serves. */
class WechatCommandIT {
    @Test
    void printsWhereItListensAndServesTokens(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "0123456789abcdef\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.yima.sim.YimaSim",
                "wechat", "--port", "0", "--key-file", key.toString(), "--state", dir.resolve("state.json").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).startsWith("wechat emulator listening on http://127.0.0.1:").contains("state.json");
            String base = line.replaceAll(".*(http://127\\.0\\.0\\.1:\\d+).*", "$1");
            HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                    + "/cgi-bin/token?grant_type=client_credential&appid=a&secret=b")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.body()).contains("\"access_token\"", "\"expires_in\":7200");
        } finally {
            p.destroy();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
