package io.yima.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The check every listening section makes of its {@code bind} and {@code port} (status, OPC UA). */
public final class ListenAddress {
    private ListenAddress() {
    }

    /** Problems with a port's {@code bind} and {@code port}, named under {@code section} (e.g. {@code status}). */
    public static List<String> bindProblems(String section, String bind, int port) {
        List<String> p = new ArrayList<>();
        if (bind == null || bind.isBlank()) {
            p.add(section + ".bind: must be an IP address or host name, e.g. 127.0.0.1");
        } else {
            try {
                InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                p.add(section + ".bind: unknown address '" + bind + "'");
            }
        }
        if (port < 0 || port > 65_535) {
            p.add(section + ".port: must be between 0 and 65535, got " + port);
        }
        return p;
    }
}
