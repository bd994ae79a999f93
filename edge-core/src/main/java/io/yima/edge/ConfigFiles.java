package io.yima.edge;

import io.yima.config.ConfigException;
import io.yima.config.FieldFiles;
import io.yima.opcua.OpcUaUsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The files a running edge depends on, checked before the vault is opened or a device connected: a key file that
 * is missing or not 16 characters, or a missing secret or token file, would otherwise surface hours later, at the
 * first import, token fetch or control. Messages name the field and the file, never what the file holds.
 */
public final class ConfigFiles {
    static final int KEY_LENGTH = 16;

    private ConfigFiles() {
    }

    /** Throws a {@link ConfigException} naming the first field whose file is missing, unreadable or malformed. */
    public static void requireReadable(EdgeConfig c) {
        List<EdgeConfig.ApplicationSection> apps = c.applications() == null ? List.of() : c.applications();
        for (int i = 0; i < apps.size(); i++) {
            String keyFile = apps.get(i).keyFile();
            if (keyFile != null) {
                String at = "applications[" + i + "].key_file";
                int length = FieldFiles.read(Path.of(keyFile), at).strip().getBytes(StandardCharsets.UTF_8).length;
                if (length != KEY_LENGTH) {
                    throw ConfigException.at(at, keyFile + " must hold the 16-character AES key of the application,"
                            + " found " + length + " characters");
                }
            }
        }
        if (c.upstream() != null) {
            nonEmpty(c.upstream().secretFile(), "upstream.secret_file");
            nonEmpty(c.upstream().tokenFile(), "upstream.token_file");
        }
        nonEmpty(c.status().tokenFile(), "status.token_file");
        if (c.opcua() != null && c.opcua().enabled()) {
            OpcUaUsers.load(c.opcua()); // password and users files: present, readable, well-formed
        }
        if (c.export().mqttEnabled()) {
            nonEmpty(c.export().mqtt().passwordFile(), "export.mqtt.password_file");
            nonEmpty(c.export().mqtt().caFile(), "export.mqtt.ca_file");
        }
    }

    private static void nonEmpty(Path file, String at) {
        if (file != null && FieldFiles.read(file, at).isBlank()) {
            throw ConfigException.at(at, file + " is empty");
        }
    }
}
