package io.yima.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers a port accepts: single addresses ({@code 10.0.0.5}) and networks ({@code 10.0.0.0/24},
 * {@code fd00::/64}). An empty list accepts everyone (the port's bind address is then the only fence).
 */
public final class AddressAllowList {
    private static final AddressAllowList EVERYONE = new AddressAllowList(List.of(), List.of());

    private final List<byte[]> networks;
    private final List<Integer> prefixes;

    private AddressAllowList(List<byte[]> networks, List<Integer> prefixes) {
        this.networks = networks;
        this.prefixes = prefixes;
    }

    public static AddressAllowList everyone() {
        return EVERYONE;
    }

    /** Parses the entries; {@link IllegalArgumentException} with a message naming the bad entry. */
    public static AddressAllowList parse(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            return EVERYONE;
        }
        List<byte[]> networks = new ArrayList<>();
        List<Integer> prefixes = new ArrayList<>();
        for (String entry : entries) {
            String problem = problem(entry);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            String e = entry.strip();
            int slash = e.indexOf('/');
            byte[] address = literal(slash < 0 ? e : e.substring(0, slash));
            networks.add(address);
            prefixes.add(slash < 0 ? address.length * 8 : Integer.parseInt(e.substring(slash + 1)));
        }
        return new AddressAllowList(List.copyOf(networks), List.copyOf(prefixes));
    }

    /** What is wrong with one entry, or null. Only numeric addresses: a host name would be a DNS lookup per peer. */
    public static String problem(String entry) {
        if (entry == null || entry.isBlank()) {
            return "an empty entry (give an address like 10.0.0.5 or a network like 10.0.0.0/24)";
        }
        String e = entry.strip();
        int slash = e.indexOf('/');
        byte[] address = literal(slash < 0 ? e : e.substring(0, slash));
        if (address == null) {
            return "'" + entry + "' is not an IP address or network (like 10.0.0.5 or 10.0.0.0/24)";
        }
        if (slash >= 0) {
            String bits = e.substring(slash + 1);
            if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > address.length * 8) {
                return "'" + entry + "': the prefix after '/' must be 0 to " + address.length * 8;
            }
        }
        return null;
    }

    /** An IPv4 or IPv6 literal's bytes, or null for anything else (never a DNS lookup). */
    private static byte[] literal(String text) {
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        if (v4) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    public boolean allowsEveryone() {
        return networks.isEmpty();
    }

    public boolean allows(InetAddress peer) {
        if (networks.isEmpty()) {
            return true;
        }
        byte[] a = peer.getAddress();
        for (int i = 0; i < networks.size(); i++) {
            if (matches(networks.get(i), prefixes.get(i), a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] network, int prefix, byte[] a) {
        if (network.length != a.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (network[i] != a[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (network[full] & mask) == (a[full] & mask);
    }
}
