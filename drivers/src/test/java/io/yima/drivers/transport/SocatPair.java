package io.yima.drivers.transport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real pty pair from {@code socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B}: the session opens A, the test
 * plays the device on B. Killing socat makes both vanish, as an unplugged USB adapter does.
 */
final class SocatPair implements AutoCloseable {
    final Path a;
    final Path b;
    private Process process;

    SocatPair(Path dir) {
        this.a = dir.resolve("ttyA");
        this.b = dir.resolve("ttyB");
    }

    SocatPair start() throws IOException {
        process = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(a) && Files.exists(b));
        return this;
    }

    /** Unplugs: socat exits and removes both links. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(a) && !Files.exists(b));
    }

    InputStream deviceIn() throws IOException {
        return Files.newInputStream(b);
    }

    OutputStream deviceOut() throws IOException {
        return Files.newOutputStream(b, java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }
}
