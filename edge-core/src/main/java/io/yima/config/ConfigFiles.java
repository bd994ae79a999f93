package io.yima.config;

import io.yima.opcua.OpcUaUsers;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
        if (c.status() != null) {
            nonEmpty(c.status().tokenFile(), "status.token_file");
        }
        if (c.opcua() != null && c.opcua().enabled()) {
            OpcUaUsers.load(c.opcua()); // password and users files: present, readable, well-formed
        }
        if (c.export() != null && c.export().mqttEnabled()) {
            nonEmpty(c.export().mqtt().passwordFile(), "export.mqtt.password_file");
            nonEmpty(c.export().mqtt().caFile(), "export.mqtt.ca_file");
        }
    }

    /** Problems with a port's {@code bind} and {@code port}, named under {@code section} (e.g. {@code status}). */
    public static List<String> bindProblems(String section, String bind, int port) {
        List<String> p = new ArrayList<>();
        if (bind == null || bind.isBlank()) {
            p.add(section + ".bind: must be an IP address or host name, e.g. 127.0.0.1");
        } else {
            try {
                InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                p.add(section + ".bind: unknown address '" + bind + "'");
            }
        }
        if (port < 0 || port > 65_535) {
            p.add(section + ".port: must be between 0 and 65535, got " + port);
        }
        return p;
    }

    private static void nonEmpty(Path file, String at) {
        if (file != null && FieldFiles.read(file, at).isBlank()) {
            throw ConfigException.at(at, file + " is empty");
        }
    }
}
