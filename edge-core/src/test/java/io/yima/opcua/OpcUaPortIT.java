package io.yima.opcua;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port that is taken fails the start with the bind error, instead of a server that claims a port it lacks. */
class OpcUaPortIT {
    @Test
    void aTakenPortFailsTheStart(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            OpcUaConfig c = new OpcUaConfig(true, "127.0.0.1", taken.getLocalPort(), null, null, null, null, null,
                    null, true, dir.resolve("pki"));
            assertThatThrownBy(() -> EdgeOpcUaServer.start(c, dir.resolve("pki"), List.of()))
                    .hasMessage("OPC UA: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasRootCauseInstanceOf(java.net.BindException.class);
        }
    }
}
