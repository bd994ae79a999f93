package io.yima.drivers.transport;

import io.netty.channel.EventLoopGroup;
import java.net.URI;

/** Chooses the connector for a device URI: {@code tcp://host:port} or {@code serial:/dev/...?baud=...}. */
public final class DeviceUri {
    private DeviceUri() {
    }

    public static Connector connector(URI uri, EventLoopGroup loop) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return switch (scheme) {
            case "tcp" -> new TcpConnector(host(uri), port(uri), loop, TcpConnector.DEFAULT_WATER_MARK);
            case "serial" -> new SerialConnector(SerialSettings.parse(uri));
            default -> throw new IllegalArgumentException("device URI '" + uri
                    + "' must start with tcp:// or serial: (e.g. tcp://10.0.0.5:9100, serial:/dev/ttyUSB0?baud=115200)");
        };
    }

    public static String host(URI uri) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("device URI '" + uri + "' has no host");
        }
        return uri.getHost();
    }

    public static int port(URI uri) {
        if (uri.getPort() <= 0) {
            throw new IllegalArgumentException("device URI '" + uri + "' has no port (e.g. :9100)");
        }
        return uri.getPort();
    }
}
