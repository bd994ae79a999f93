package io.yima.edge;

import io.yima.config.ConfigException;
import io.yima.config.LabelTemplate;
import io.yima.config.LabelTemplateRules;
import io.yima.config.LineConfig;
import io.yima.config.YamlLocations;
import io.yima.drivers.render.page.DefaultFont;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The label template's files, read at start so a missing one stops the edge before any job: {@code template.file}
 * (its errors give the template file's line and column), each logo, and the font when the template has text.
 */
final class LabelTemplateFiles {
    /** A template file is a page of YAML; anything larger is not one. */
    static final long MAX_TEMPLATE_BYTES = 256 * 1024;

    private LabelTemplateFiles() {
    }

    static EdgeConfig load(EdgeConfig c) {
        if (c.lines() == null) {
            return c;
        }
        List<LineConfig> lines = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < c.lines().size(); i++) {
            LineConfig l = c.lines().get(i);
            LineConfig.Label label = l.label();
            if (label == null || label.template() == null) {
                lines.add(l);
                continue;
            }
            String at = "lines[" + i + "].label";
            LabelTemplate t = label.template();
            if (t.file() != null) {
                t = read(Path.of(t.file()), label, at + ".template.file");
            }
            checkFiles(t, label, at);
            lines.add(withLabel(l, label.withTemplate(t, label.font())));
            changed = true;
        }
        return changed ? new EdgeConfig(c.vault(), c.applications(), c.upstream(), c.status(), c.logging(), lines,
                c.opcua(), c.export()) : c;
    }

    private static LabelTemplate read(Path file, LineConfig.Label label, String at) {
        String text;
        try {
            if (Files.size(file) > MAX_TEMPLATE_BYTES) {
                throw ConfigException.at(at, file + " is larger than 256 kB; a template is a page of YAML");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw ConfigException.at(at, file + ": no such file or not readable");
        }
        String name = file.getFileName().toString();
        YamlLocations where = YamlLocations.of(text);
        LabelTemplate t;
        try {
            t = ConfigLoader.mapper().readValue(text, LabelTemplate.class);
        } catch (JsonProcessingException e) {
            throw inFile(at, name, ConfigLoader.translate(e), where);
        }
        if (t == null || t.elements() == null || t.file() != null) {
            throw ConfigException.at(at, name + ": must hold elements: (a list of symbol, text, logo, box, line)"
                    + " and no file:");
        }
        try {
            LabelTemplateRules.elements(t.elements(), label, "");
        } catch (ConfigException e) {
            throw inFile(at, name, e, where);
        }
        return t.resolvedAgainst(file.toAbsolutePath().getParent());
    }

    private static ConfigException inFile(String at, String name, ConfigException e, YamlLocations where) {
        String m = e.getMessage();
        int colon = m.indexOf(": ");
        String loc = colon > 0 ? where.describe(m.substring(0, colon)) : "";
        return ConfigException.at(at, name + ": " + m + loc.replace(" (line", " (" + name + " line"));
    }

    private static void checkFiles(LabelTemplate t, LineConfig.Label label, String at) {
        boolean text = false;
        for (int i = 0; i < t.elements().size(); i++) {
            LabelTemplate.Element e = t.elements().get(i);
            text |= e.text() != null;
            if (e.logo() != null && !Files.isRegularFile(Path.of(e.logo().file()))) {
                throw ConfigException.at(at + ".template.elements[" + i + "].logo.file", e.logo().file()
                        + ": no such file (a PNG or BMP)");
            }
        }
        if (text) {
            Path font = label.font() == null ? DefaultFont.path()
                    : Path.of(label.font());
            if (!Files.isRegularFile(font)) {
                throw ConfigException.at(at + (label.font() == null ? ".template" : ".font"), "font file " + font
                        + " not found: text is drawn with it (install Debian's fonts-wqy-microhei, or set"
                        + " label.font to a .ttf/.ttc/.otf file)");
            }
        }
    }

    private static LineConfig withLabel(LineConfig l, LineConfig.Label label) {
        return new LineConfig(l.id(), l.application(), l.mode(), l.printer(), label, l.scanner(), l.plc(), l.verify(),
                l.stream(), l.jobDefaults(), l.modbus(), l.packing());
    }
}
