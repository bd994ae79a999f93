package io.yima.opcua;

import io.yima.config.ConfigException;
import io.yima.config.FieldFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user names and passwords OPC UA clients may log in with, read once at start from {@code password_file}
 * (one user) or {@code users_file} ({@code name:password} per line, {@code #} comments). Errors name the file and
 * the line, never what a line holds; passwords are compared in constant time and never leave this class.
 */
public final class OpcUaUsers {
    static final int MAX_USERS = 100;
    static final int MAX_PASSWORD = 256;

    private final Map<String, byte[]> passwords;

    private OpcUaUsers(Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    public static OpcUaUsers none() {
        return new OpcUaUsers(Map.of());
    }

    public static OpcUaUsers load(OpcUaConfig c) {
        if (c.username() != null) {
            String password = read(c.passwordFile(), "opcua.password_file").strip();
            if (password.isEmpty()) {
                throw ConfigException.at("opcua.password_file", c.passwordFile() + " is empty");
            }
            checkPassword(password, "opcua.password_file", c.passwordFile().toString());
            return new OpcUaUsers(Map.of(c.username(), bytes(password)));
        }
        if (c.usersFile() != null) {
            return parse(read(c.usersFile(), "opcua.users_file"), c.usersFile().toString());
        }
        return none();
    }

    static OpcUaUsers parse(String text, String file) {
        Map<String, byte[]> users = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + " line " + (i + 1);
            int colon = line.indexOf(':');
            if (colon < 1 || colon == line.length() - 1) {
                throw ConfigException.at("opcua.users_file", where + ": expected name:password");
            }
            String name = line.substring(0, colon);
            if (!validName(name)) {
                throw ConfigException.at("opcua.users_file", where + ": a user name is 1-64 letters, digits, '.', '-',"
                        + " '_' or '@'");
            }
            String password = line.substring(colon + 1);
            checkPassword(password, "opcua.users_file", where);
            if (users.put(name, bytes(password)) != null) {
                throw ConfigException.at("opcua.users_file", where + ": user " + name + " is listed twice");
            }
            if (users.size() > MAX_USERS) {
                throw ConfigException.at("opcua.users_file", file + ": more than " + MAX_USERS + " users");
            }
        }
        if (users.isEmpty()) {
            throw ConfigException.at("opcua.users_file", file + " lists no user");
        }
        return new OpcUaUsers(Map.copyOf(users));
    }

    static boolean validName(String name) {
        return name.matches("[A-Za-z0-9._@-]{1,64}");
    }

    /** True when {@code user} is listed with exactly this password. */
    public boolean accepts(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        byte[] expected = passwords.get(user);
        // compare against something even for an unknown user, so timing does not tell which names exist
        byte[] against = expected == null ? new byte[MAX_PASSWORD] : expected;
        boolean same = MessageDigest.isEqual(against, bytes(password));
        return expected != null && same;
    }

    public boolean isEmpty() {
        return passwords.isEmpty();
    }

    public int size() {
        return passwords.size();
    }

    private static void checkPassword(String password, String at, String where) {
        if (password.length() < 8 || password.length() > MAX_PASSWORD) {
            throw ConfigException.at(at, where + ": a password has 8 to " + MAX_PASSWORD + " characters");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw ConfigException.at(at, where + ": a password holds no control characters");
        }
    }

    private static String read(Path file, String at) {
        return FieldFiles.read(file, at);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OpcUaUsers[" + passwords.size() + " user(s)]";
    }
}
