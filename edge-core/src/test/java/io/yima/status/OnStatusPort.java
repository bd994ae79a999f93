package io.yima.status;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests that talk to a real status port over a {@link FakeLine}, one fresh port per test. */
abstract class OnStatusPort {

    @TempDir
    Path dir;
    StatusPort port;

    @BeforeEach
    void startStatusPort() {
        port = StatusPort.withToken(dir);
    }

    @AfterEach
    void stopStatusPort() {
        port.close();
    }
}
