package io.yima.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The small checks a line's sections share (a device's uri, a word from a closed set, a duration that is too short).
 * Each answers the problem in the technician's words without the field, or null when the value is fine; the section
 * names the field.
 */
final class FieldChecks {
    static final Set<String> PRINTER_SCHEMES = Set.of("tcp", "serial");
    static final Set<String> SCANNER_SCHEMES = Set.of("tcp", "listen", "serial");

    private FieldChecks() {
    }

    /** Adds {@code at: problem} when there is a problem. */
    static void add(List<String> problems, String at, String problem) {
        if (problem != null) {
            problems.add(at + ": " + problem);
        }
    }

    /** Throws {@code at: problem} when there is one: for checks that assume the ones before them passed. */
    static void require(String at, String problem) {
        if (problem != null) {
            throw ConfigException.at(at, problem);
        }
    }

    /** Throws a section's first problem: the checks after it assume the section is sound. */
    static void first(List<String> sectionProblems) {
        if (!sectionProblems.isEmpty()) {
            throw new ConfigException(sectionProblems.get(0));
        }
    }

    /** A device's address: required, a URI of one of {@code schemes}, with a host and port or a device path. */
    static String uri(String value, Set<String> schemes) {
        if (blank(value)) {
            return "required, e.g. " + (schemes.contains("listen") ? "tcp://10.0.0.5:9004" : "tcp://10.0.0.5:9100")
                    + " or serial:/dev/ttyUSB0?baud=115200";
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "'" + value + "' is not a URI: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return "unsupported scheme '" + scheme + "' (use " + String.join(", ", sorted(schemes)) + ")";
        }
        if (!scheme.equals("serial") && (uri.getHost() == null || uri.getPort() < 0)) {
            return "'" + value + "' needs a host and a port";
        }
        if (scheme.equals("serial") && (uri.getSchemeSpecificPart() == null || uri.getSchemeSpecificPart().isBlank())) {
            return "'" + value + "' needs a device path";
        }
        return null;
    }

    /** A word of a closed set, compared in upper (or lower) case. */
    static String oneOf(String value, Set<String> allowed, boolean upper) {
        String v = upper ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
        return allowed.contains(v) ? null : "'" + value + "' is not one of " + String.join(", ", sorted(allowed));
    }

    /** Zero or a few milliseconds is a typo (a unit forgotten), never a setting a line can run with. */
    static String tooShort(Duration d, Duration min) {
        return d != null && d.compareTo(min) < 0
                ? DurationText.format(d) + " is too short (at least " + DurationText.format(min) + ")" : null;
    }

    static String positive(Double v) {
        return v != null && !(v > 0) ? "must be greater than 0" : null;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
