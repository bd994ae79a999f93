package io.yima.sim.wechat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yima-sim wechat}: runs the WeChat API emulator until Ctrl-C. */
@Command(name = "wechat", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim wechat --port 8089 --key-file app.key --state wechat-state.json"},
        description = "Emulate the WeChat token and marketcode API on 127.0.0.1.")
public final class WechatCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8089", description = "TCP port (0 = any free port). Default ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--key-file", required = true, description = "File holding the 16-character package key.")
    Path keyFile;

    @Option(names = "--state", description = "JSON file keeping applications and activations across restarts.")
    Path stateFile;

    @Option(names = "--appid", description = "The only appid /cgi-bin/token accepts (default: any).")
    String appid;

    @Option(names = "--secret-file", description = "File holding the only app secret /cgi-bin/token accepts.")
    Path secretFile;

    @Option(names = "--generation-delay", defaultValue = "5", description = "Seconds until an application is FINISH. Default ${DEFAULT-VALUE}.")
    long generationDelaySeconds;

    @Option(names = "--token-lifetime", defaultValue = "7200", description = "Access token lifetime in seconds. Default ${DEFAULT-VALUE}.")
    long tokenLifetimeSeconds;

    @Override
    public Integer call() throws Exception {
        String key = Files.readString(keyFile).strip();
        String secret = secretFile == null ? null : Files.readString(secretFile).strip();
        WechatEmulator.Settings settings = WechatEmulator.Settings.forTests(key)
                .withPort(port)
                .withCredentials(appid, secret)
                .withTokens(Duration.ofSeconds(tokenLifetimeSeconds), Duration.ofMinutes(5))
                .withGenerationDelay(Duration.ofSeconds(generationDelaySeconds))
                .withStateFile(stateFile);
        CountDownLatch stopped = new CountDownLatch(1);
        try (WechatEmulator emulator = new WechatEmulator(settings).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.out.println("wechat emulator listening on " + emulator.baseUrl()
                    + (stateFile == null ? "" : " (state in " + stateFile + ")"));
            System.out.flush();
            stopped.await();
        }
        return 0;
    }
}
