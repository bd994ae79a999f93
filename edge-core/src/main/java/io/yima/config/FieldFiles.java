package io.yima.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file named by a config field (a key, password or token file). Its own class so a section's loader (the
 * OPC UA users, say) can read its files without depending on {@link ConfigFiles}, which checks every section.
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
}
