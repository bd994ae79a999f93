package io.yima.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports for an edge started in another process, which binds them itself. All ports of one call are
 * held open together until each is known, so they differ: picked one at a time, the kernel may hand out a port
 * it handed out a moment ago, and the edge then refuses its config ("port … is used by another line").
 */
public final class FreePorts {
    private FreePorts() {
    }

    public static int[] distinct(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    public static int one() throws IOException {
        return distinct(1)[0];
    }
}
