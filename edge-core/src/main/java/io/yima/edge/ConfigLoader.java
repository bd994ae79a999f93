package io.yima.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.yima.config.ConfigException;
import io.yima.config.ConfigNames;
import io.yima.config.DurationText;
import io.yima.config.KeySuggestion;
import io.yima.config.LabelTemplate;
import io.yima.config.LineConfig;
import io.yima.config.ModbusMode;
import io.yima.config.PrinterGraphic;
import io.yima.config.PrinterLanguage;
import io.yima.config.YamlLocations;
import io.yima.drivers.scanner.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads and validates the edge's YAML file; every failure names the field it is about. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** A mapper for the config's conventions (snake_case keys, "2s" durations), also used by other sections. */
    public static ObjectMapper mapper() {
        SimpleModule values = new SimpleModule("config values");
        values.addDeserializer(Duration.class, new DurationText());
        // closed sets of words: any letter case in the file, a wrong word refused naming the words allowed
        values.addDeserializer(PrinterLanguage.class, ConfigNames.of(PrinterLanguage.class,
                PrinterLanguage::configName));
        values.addDeserializer(PrinterGraphic.class, ConfigNames.of(PrinterGraphic.class));
        values.addDeserializer(Trigger.class, ConfigNames.of(Trigger.class));
        values.addDeserializer(ModbusMode.class, ConfigNames.explained(ModbusMode.class, ModbusMode::configName,
                "required: server (the PLC connects to the edge) or client (the edge polls the PLC)"));
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(values);
    }

    public static EdgeConfig load(Path file) {
        return parse(text(file), file.toAbsolutePath().getParent());
    }

    /**
     * The file read as {@link #load} reads it (every key checked, values typed, relative paths resolved against its
     * folder), without the checks that make it a runnable edge (a vault, lines, ports): for commands that use one
     * or two sections, such as {@code wechat}, which checks its {@code upstream} section itself.
     */
    public static EdgeConfig read(Path file) {
        String yaml = text(file);
        return ConfigPaths.resolve(typed(yaml, YamlLocations.of(yaml)), file.toAbsolutePath().getParent());
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    /** The YAML as the config's records, or a located refusal naming the key; no semantic check yet. */
    private static EdgeConfig typed(String yaml, YamlLocations where) {
        EdgeConfig config;
        try {
            config = mapper().readValue(yaml, EdgeConfig.class);
        } catch (JsonProcessingException e) {
            throw located(translate(e, yaml), where);
        }
        if (config == null) {
            throw new ConfigException("config: the file is empty");
        }
        return config;
    }

    /** Parses and validates; relative file paths in the config resolve against {@code baseDir}. */
    public static EdgeConfig parse(String yaml, Path baseDir) {
        YamlLocations where = YamlLocations.of(yaml);
        EdgeConfig config = typed(yaml, where);
        try {
            ConfigValidator.validate(config);
        } catch (ConfigException e) {
            throw located(e, where);
        }
        config = ConfigPaths.resolve(config, baseDir);
        try {
            return LabelTemplateFiles.load(config);
        } catch (ConfigException e) {
            throw located(e, where);
        }
    }

    /**
     * {@code label} with the template in {@code file} (a YAML file holding {@code elements:}), checked as at start
     * ({@code render --template}).
     */
    public static LineConfig.Label withTemplateFile(LineConfig.Label label, Path file, String font) {
        LineConfig.Label l = label.withTemplate(new LabelTemplate(null, file.toString()), font);
        EdgeConfig one = new EdgeConfig(null, null, null, null, null, java.util.List.of(new LineConfig("render", null,
                null, null, l, null, null, null, null, null, null)), null, null);
        try {
            return LabelTemplateFiles.load(one).lines().get(0).label();
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage().replace("lines[0].label.template.file: ", "--template: ")
                    .replace("lines[0].label.template.", "--template: ").replace("lines[0].label.", "--template: "));
        }
    }

    /**
     * Refuses ports the process may not open as it runs now ({@code run}: below 1024 without root or
     * CAP_NET_BIND_SERVICE), with line and column, before the vault is opened or a device connected.
     */
    public static void requireListenable(Path file, EdgeConfig config, ListenPorts.Privilege privilege) {
        List<String> problems = ListenPorts.privileged(ListenPorts.of(config), privilege);
        if (problems.isEmpty()) {
            return;
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            text = "";
        }
        throw located(new ConfigException(String.join("\n", problems)), YamlLocations.of(text));
    }

    /**
     * Adds the line and column of the key each problem starts with ({@code lines[0].plc.port: …}), when known; a
     * message of several problems has one per line, each located.
     */
    private static ConfigException located(ConfigException e, YamlLocations where) {
        List<String> out = new java.util.ArrayList<>();
        for (String m : e.getMessage().split("\n")) {
            int colon = m.indexOf(": ");
            out.add(colon <= 0 || m.startsWith("config: ") ? m : m + where.describe(m.substring(0, colon)));
        }
        if (out.size() > 1) {
            return new ConfigException("the config has " + out.size() + " problems:\n  " + String.join("\n  ", out));
        }
        return out.get(0).equals(e.getMessage()) ? e : new ConfigException(out.get(0));
    }

    static ConfigException translate(JsonProcessingException e) {
        return translate(e, null);
    }

    static ConfigException translate(JsonProcessingException e, String yaml) {
        if (isSyntaxError(e)) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            int[] tab = yaml == null || e.getLocation() == null ? null : tabAfter(yaml, e.getLocation().getLineNr(),
                    e.getLocation().getColumnNr());
            if (tab != null && String.valueOf(e.getOriginalMessage()).contains("TAB")) {
                // the scanner reports where it started looking (the end of the line before); the tab is where to look
                where = " at line " + tab[0] + ", column " + tab[1];
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String problem = root instanceof org.yaml.snakeyaml.error.MarkedYAMLException y ? y.getProblem() : e.getOriginalMessage();
            return new ConfigException("config: not valid YAML" + where + ": " + problem);
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = path(m);
            if (e instanceof UnrecognizedPropertyException u) {
                return ConfigException.at(path, "unknown key" + KeySuggestion.of(String.valueOf(u.getPropertyName()),
                        u.getKnownPropertyIds()));
            }
            if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
                return ConfigException.at(path, "'" + f.getValue() + "' is not one of "
                        + java.util.Arrays.stream(f.getTargetType().getEnumConstants()).map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
            if (e instanceof InvalidFormatException f) {
                return ConfigException.at(path, "'" + f.getValue() + "' is not a valid "
                        + f.getTargetType().getSimpleName().toLowerCase());
            }
            if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
                return ConfigException.at(path, "expected " + describe(mi.getTargetType()));
            }
            // Jackson's own messages carry "at [Source: …]" and class names: only a cause of ours is worth showing.
            Throwable cause = e.getCause();
            boolean ours = cause != null && !(cause instanceof JsonProcessingException) && cause.getMessage() != null;
            return ConfigException.at(path, ours ? cause.getMessage() : e.getOriginalMessage());
        }
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        return new ConfigException("config: not valid YAML" + where + ": " + e.getOriginalMessage());
    }

    /** Line and column (1-based) of the first tab at or after line {@code line}, column {@code column}; or null. */
    static int[] tabAfter(String yaml, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = yaml.indexOf('\n', offset);
            offset = offset < 0 ? -1 : offset + 1;
        }
        if (offset < 0) {
            return null;
        }
        int tab = yaml.indexOf('\t', Math.min(yaml.length(), offset + Math.max(0, column - 1)));
        if (tab < 0) {
            return null;
        }
        int tabLine = 1;
        int lineStart = 0;
        for (int i = 0; i < tab; i++) {
            if (yaml.charAt(i) == '\n') {
                tabLine++;
                lineStart = i + 1;
            }
        }
        return new int[] {tabLine, tab - lineStart + 1};
    }

    private static boolean isSyntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonParseException || t instanceof org.yaml.snakeyaml.error.YAMLException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Class<?> type) {
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord()) {
            return "a section (key: value pairs)";
        }
        return "a " + type.getSimpleName().toLowerCase();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.toString();
    }
}
