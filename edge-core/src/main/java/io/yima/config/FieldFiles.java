package io.yima.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file named by a config field (a key, password or token file), and resolves such a name against the config
 * file's folder. Its own class so a section (the OPC UA users, say, or a label template's logos) can do both without
 * depending on the aggregate's checks ({@code ConfigFiles} and {@code ConfigPaths} in {@code edge}), which see every
 * section.
 */
public final class FieldFiles {
    private FieldFiles() {
    }

    /** The file's text, or a refusal naming the config field {@code at} in a technician's words. */
    public static String read(Path file, String at) {
        if (!Files.exists(file)) {
            throw ConfigException.at(at, file + " does not exist");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ConfigException.at(at, "cannot read " + file + " (check its owner and permissions)");
        }
    }

    /** {@code file} resolved against {@code base} (the config file's folder); null stays null. */
    public static String resolve(Path base, String file) {
        return file == null ? null : base.resolve(file).normalize().toString();
    }
}
