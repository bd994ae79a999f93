package io.yima.drivers.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.util.HashMap;
import java.util.Map;

/**
 * Serial line settings from a {@code serial:/dev/ttyUSB0?baud=115200&data=8&parity=none&stop=1&flow=rtscts} URI.
 * Unknown keys and bad values are refused with the key named, so a typo never silently means 9600 baud.
 */
public record SerialSettings(String path, int baud, int dataBits, int parity, int stopBits, int flowControl) {

    public static SerialSettings parse(java.net.URI uri) {
        String path = uri.getPath();
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("serial URI needs a device path, e.g. serial:/dev/ttyUSB0?baud=115200");
        }
        Map<String, String> q = new HashMap<>();
        if (uri.getQuery() != null) {
            for (String kv : uri.getQuery().split("&")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("serial URI option '" + kv + "' is not key=value");
                }
                q.put(kv.substring(0, eq).toLowerCase(java.util.Locale.ROOT), kv.substring(eq + 1));
            }
        }
        int baud = number(q.remove("baud"), "baud", 9600, 50, 4_000_000);
        int data = number(q.remove("data"), "data", 8, 5, 8);
        int stop = number(q.remove("stop"), "stop", 1, 1, 2);
        int parity = switch (q.getOrDefault("parity", "none").toLowerCase(java.util.Locale.ROOT)) {
            case "none", "n" -> SerialPort.NO_PARITY;
            case "even", "e" -> SerialPort.EVEN_PARITY;
            case "odd", "o" -> SerialPort.ODD_PARITY;
            default -> throw new IllegalArgumentException("serial parity must be none, even or odd, got '" + q.get("parity") + "'");
        };
        q.remove("parity");
        int flow = switch (q.getOrDefault("flow", "none").toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> SerialPort.FLOW_CONTROL_DISABLED;
            case "rtscts" -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case "xonxoff" -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
            default -> throw new IllegalArgumentException("serial flow must be none, rtscts or xonxoff, got '" + q.get("flow") + "'");
        };
        q.remove("flow");
        if (!q.isEmpty()) {
            throw new IllegalArgumentException("unknown serial URI option(s) " + q.keySet()
                    + "; known: baud, data, parity, stop, flow");
        }
        return new SerialSettings(path, baud, data, parity, stop == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, flow);
    }

    private static int number(String v, String key, int dflt, int min, int max) {
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("serial " + key + " must be a number " + min + ".." + max + ", got '" + v + "'");
        }
    }
}
