package io.yima.edge;

import io.yima.config.ConfigException;
import io.yima.config.LineConfig;
import io.yima.modbus.RegisterMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Semantic checks Jackson cannot make; each failure names the field ({@code lines[0].printer.uri: …}). Each section
 * lists its own problems ({@code problems()}); what spans sections is checked here: the lines' ids and applications
 * against the file's, and the listening ports ({@link ListenPorts}). Files are checked by {@link ConfigFiles}.
 */
final class ConfigValidator {
    /** Registers in the Modbus block: the adapter's own size (the aggregate ranks above the adapters). */
    static final int MODBUS_BLOCK = RegisterMap.SIZE;

    private ConfigValidator() {
    }

    /** A check that stops at its section's first problem; the other sections are still checked. */
    private interface Check {
        void run();
    }

    /** Throws one {@link ConfigException} listing every problem (one per line), or returns when there is none. */
    static void validate(EdgeConfig c) {
        List<String> problems = problems(c);
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
    }

    /**
     * Every problem of the file, each naming its field: a technician fixes them in one go instead of one run per
     * typo. Within a section checking stops at the first problem (later checks assume the earlier ones passed).
     */
    static List<String> problems(EdgeConfig c) {
        List<String> problems = new java.util.ArrayList<>();
        problems.addAll(c.vault() == null ? List.of("vault.path: required (the SQLite vault file)")
                : c.vault().problems());
        if (c.upstream() != null) {
            problems.addAll(c.upstream().problems());
        }
        problems.addAll(c.status().validate());
        if (c.opcua() != null) {
            problems.addAll(c.opcua().problems());
        }
        problems.addAll(c.export().problems());
        Set<Long> apps = new HashSet<>();
        List<EdgeConfig.ApplicationSection> applications = c.applications() == null ? List.of() : c.applications();
        for (int i = 0; i < applications.size(); i++) {
            EdgeConfig.ApplicationSection a = applications.get(i);
            String at = "applications[" + i + "]";
            collect(problems, () -> {
                if (a.id() == null || a.id() <= 0) {
                    throw ConfigException.at(at + ".id", "required (the WeChat application_id)");
                }
                if (!apps.add(a.id())) {
                    throw ConfigException.at(at + ".id", "application " + a.id() + " is listed twice");
                }
                if (a.keyFile() != null && a.keyEnv() != null) {
                    throw ConfigException.at(at, "give key_file or key_env, not both");
                }
            });
        }
        if (c.lines() != null) {
            Set<String> lineIds = new HashSet<>();
            for (int i = 0; i < c.lines().size(); i++) {
                int index = i;
                collect(problems, () -> validateLine(c.lines().get(index), "lines[" + index + "]", apps, lineIds));
            }
        }
        // every port the edge listens on, the lines' PLC and Modbus ports among them: one check, one place
        problems.addAll(ListenPorts.clashes(ListenPorts.of(c)));
        return problems;
    }

    /** A line's first problem stops its checks: the ones after it assume it is sound. */
    private static void first(List<String> sectionProblems) {
        if (!sectionProblems.isEmpty()) {
            throw new ConfigException(sectionProblems.get(0));
        }
    }

    private static void collect(List<String> problems, Check check) {
        try {
            check.run();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
    }

    /**
     * A line's own problems first (its id's among them, named before a second line of the same id), then what it
     * shares with the file: an id no other line has, and applications listed under {@code applications}.
     */
    private static void validateLine(LineConfig l, String at, Set<Long> apps, Set<String> ids) {
        List<String> own = l.problems(at, MODBUS_BLOCK);
        boolean twice = l.id() != null && !ids.add(l.id());
        if (!own.isEmpty() && own.get(0).startsWith(at + ".id: ")) {
            first(own);
        }
        if (twice) {
            throw ConfigException.at(at + ".id", "line '" + l.id() + "' is defined twice");
        }
        first(own);
        if (!apps.contains(l.application())) {
            throw ConfigException.at(at + ".application", "application " + l.application()
                    + " is not listed under applications");
        }
        LineConfig.CaseCodes codes = l.packing() == null ? null : l.packing().caseCodes();
        if (codes != null && codes.wechat() && !apps.contains(codes.application())) {
            throw ConfigException.at(at + ".packing.case_codes.application", "application " + codes.application()
                    + " is not listed under applications");
        }
    }
}
