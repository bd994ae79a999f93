package io.yima.edge;

import io.yima.config.LineConfig;
import io.yima.opcua.OpcUaConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every port the edge will listen on (status, OPC UA, each line's PLC, Modbus server and listening scanner), so
 * two sections on one port and ports the process may not open are refused before anything is opened, in the
 * config's words, instead of as a bind failure halfway through the start.
 */
public final class ListenPorts {

    /** One listening port: the config field that asks for it, its address and number. */
    public record Port(String field, String bind, int port) {
    }

    /**
     * What this process may listen on: below {@code unprivilegedStart} (1024 unless the kernel's
     * {@code net.ipv4.ip_unprivileged_port_start} says otherwise) only as root or with CAP_NET_BIND_SERVICE.
     */
    public record Privilege(boolean root, boolean netBindService, int unprivilegedStart) {

        /** Read from /proc: the effective user id and capabilities of this process, and the kernel's limit. */
        public static Privilege current() {
            boolean root = false;
            boolean cap = false;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("Uid:")) {
                        String[] ids = line.substring(4).trim().split("\\s+");
                        root = ids.length > 1 && ids[1].equals("0");
                    } else if (line.startsWith("CapEff:")) {
                        long bits = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                        cap = (bits & (1L << CAP_NET_BIND_SERVICE_BIT)) != 0;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: nothing to tell; the bind itself will say
                return new Privilege(true, true, 1024);
            }
            int start = 1024;
            try {
                start = Integer.parseInt(Files.readString(
                        Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).strip());
            } catch (IOException | RuntimeException e) {
                // older kernels have no such setting: the classic 1024
            }
            return new Privilege(root, cap, start);
        }

        boolean mayListenOn(int port) {
            return port == 0 || port >= unprivilegedStart || root || netBindService;
        }
    }

    /** The bit of CAP_NET_BIND_SERVICE in /proc/self/status CapEff (linux/capability.h). */
    static final int CAP_NET_BIND_SERVICE_BIT = 10;

    private ListenPorts() {
    }

    /** The listening ports of {@code c} (port 0, a free port picked at start, is left out: it cannot clash). */
    public static List<Port> of(EdgeConfig c) {
        List<Port> ports = new ArrayList<>();
        add(ports, "status.port", c.status().bind(), c.status().port());
        OpcUaConfig opcua = c.opcua();
        if (opcua != null && Boolean.TRUE.equals(opcua.enabled())) {
            add(ports, "opcua.port", opcua.bind(), opcua.port());
        }
        List<LineConfig> lines = c.lines() == null ? List.of() : c.lines();
        for (int i = 0; i < lines.size(); i++) {
            LineConfig l = lines.get(i);
            String at = "lines[" + i + "]";
            if (l.plc() != null && l.plc().port() != null) {
                add(ports, at + ".plc.port", l.plc().bind(), l.plc().port());
            }
            if (l.modbus() != null && !l.modbus().client()) {
                add(ports, at + ".modbus.port", l.modbus().bind(), l.modbus().port());
            }
            if (l.scanner() != null && l.scanner().uri() != null
                    && l.scanner().uri().toLowerCase(Locale.ROOT).startsWith("listen:")) {
                try {
                    URI u = new URI(l.scanner().uri());
                    if (u.getHost() != null && u.getPort() >= 0) {
                        add(ports, at + ".scanner.uri", u.getHost(), u.getPort());
                    }
                } catch (URISyntaxException e) {
                    // the URI check names this field already
                }
            }
        }
        return ports;
    }

    private static void add(List<Port> ports, String field, String bind, Integer port) {
        if (port != null && port > 0 && port <= 65_535) {
            ports.add(new Port(field, bind, port));
        }
    }

    /**
     * One problem per port two sections ask for on overlapping addresses, named at the later section. The ports
     * PLCs connect to (each line's PLC port and Modbus server) must differ by number whatever their addresses, the
     * rule the line checks kept before this became the one port check.
     */
    public static List<String> clashes(List<Port> ports) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            for (int j = 0; j < i; j++) {
                Port a = ports.get(j);
                Port b = ports.get(i);
                boolean plcs = plcPort(a) && plcPort(b);
                if (a.port() == b.port() && (plcs || overlap(a.bind(), b.bind()))) {
                    problems.add(b.field() + ": port " + b.port() + (!plcs
                            ? " is also " + a.field() + "; each listening port needs a number of its own"
                            : b.field().endsWith(".modbus.port") ? " is used by another PLC port"
                            : " is used by another line"));
                    break;
                }
            }
        }
        return problems;
    }

    /**
     * One problem per port below the unprivileged limit that this process may not open, saying what is
     * missing: the capability, not "another program".
     */
    public static List<String> privileged(List<Port> ports, Privilege privilege) {
        List<String> problems = new ArrayList<>();
        for (Port p : ports) {
            if (!privilege.mayListenOn(p.port())) {
                problems.add(p.field() + ": port " + p.port() + " is below " + privilege.unprivilegedStart()
                        + " and this process is not root and lacks the capability CAP_NET_BIND_SERVICE; use a port"
                        + " of " + privilege.unprivilegedStart() + " or more, or grant it (systemd:"
                        + " AmbientCapabilities=CAP_NET_BIND_SERVICE)");
            }
        }
        return problems;
    }

    private static boolean plcPort(Port p) {
        return p.field().endsWith(".plc.port") || p.field().endsWith(".modbus.port");
    }

    private static boolean overlap(String a, String b) {
        if (a == null || b == null) {
            return true;
        }
        try {
            InetAddress x = InetAddress.getByName(a);
            InetAddress y = InetAddress.getByName(b);
            return x.isAnyLocalAddress() || y.isAnyLocalAddress() || x.equals(y);
        } catch (UnknownHostException e) {
            return a.equalsIgnoreCase(b);
        }
    }
}
