package io.yima.opcua;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.yima.config.ListenAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code opcua:} section of the edge config: one OPC UA server for all lines (docs/opcua.md).
 *
 * <pre>
 * opcua:
 *   enabled: true                 # default false: no OPC UA port at all
 *   bind: 127.0.0.1               # default; another address is reachable from the network (logged as a warning)
 *   port: 4840
 *   hostname: edge-7.plant.local  # the name in endpoint URLs and the certificate; default: bind, or this host's name
 *   security_policies: [Basic256Sha256]    # also None (then passwords are still encrypted with the certificate)
 *   username: mes                 # one user ...
 *   password_file: /etc/yima-edge/opcua.password
 *   users_file: /etc/yima-edge/opcua.users # ... or several: one "name:password" per line
 *   certificate_users: false      # true: a client may log in with a user certificate trusted in pki_dir
 *   anonymous: false              # true lets anyone who reaches the port start and close jobs
 *   pki_dir: opcua-pki            # server certificate, trusted / rejected client certificates; default: next to the vault
 *   max_failed_logins: 5          # refused logins from one address within `lockout` before it gets no session
 *   lockout: 60s                  # ... until the oldest of them is this old
 * </pre>
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public record OpcUaConfig(Boolean enabled, String bind, Integer port, String hostname, List<String> securityPolicies,
                          String username, Path passwordFile, Path usersFile, Boolean certificateUsers,
                          Boolean anonymous, Path pkiDir, Integer maxFailedLogins, java.time.Duration lockout) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 4840;
    /** Policies this server offers; None is allowed, the rest are left out until a site asks for them. */
    public static final Set<String> POLICIES = Set.of("None", "Basic256Sha256");

    public static final int DEFAULT_MAX_FAILED_LOGINS = 5;
    public static final java.time.Duration DEFAULT_LOCKOUT = java.time.Duration.ofSeconds(60);

    public OpcUaConfig(Boolean enabled, String bind, Integer port, String hostname, List<String> securityPolicies,
                       String username, Path passwordFile, Path usersFile, Boolean certificateUsers,
                       Boolean anonymous, Path pkiDir) {
        this(enabled, bind, port, hostname, securityPolicies, username, passwordFile, usersFile, certificateUsers,
                anonymous, pkiDir, null, null);
    }

    public OpcUaConfig {
        enabled = enabled != null && enabled;
        bind = bind == null ? DEFAULT_BIND : bind;
        port = port == null ? DEFAULT_PORT : port;
        securityPolicies = securityPolicies == null ? List.of("Basic256Sha256") : List.copyOf(securityPolicies);
        certificateUsers = certificateUsers != null && certificateUsers;
        anonymous = anonymous != null && anonymous;
        maxFailedLogins = maxFailedLogins == null ? DEFAULT_MAX_FAILED_LOGINS : maxFailedLogins;
        lockout = lockout == null ? DEFAULT_LOCKOUT : lockout;
    }

    /** Problems with this section, each naming its field ({@code opcua.port: ...}); empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>(ListenAddress.bindProblems("opcua", bind, port));
        if (hostname != null && !hostname.matches("[A-Za-z0-9.-]{1,253}")) {
            p.add("opcua.hostname: '" + hostname + "' is not a host name (letters, digits, '.' and '-')");
        }
        if (securityPolicies.isEmpty()) {
            p.add("opcua.security_policies: list at least one of Basic256Sha256, None");
        }
        for (String s : securityPolicies) {
            if (!POLICIES.contains(s)) {
                p.add("opcua.security_policies: '" + s + "' is not one of Basic256Sha256, None");
            }
        }
        if ((username == null) != (passwordFile == null)) {
            p.add("opcua." + (username == null ? "username" : "password_file") + ": username and password_file go"
                    + " together");
        }
        if (username != null && !OpcUaUsers.validName(username)) {
            p.add("opcua.username: 1-64 letters, digits, '.', '-', '_' or '@'");
        }
        if (username != null && usersFile != null) {
            p.add("opcua.users_file: give users_file or username + password_file, not both");
        }
        if (maxFailedLogins < 1 || maxFailedLogins > 1000) {
            p.add("opcua.max_failed_logins: 1 to 1000 refused logins per address");
        }
        if (lockout.toMillis() < 1000 || lockout.toHours() > 24) {
            p.add("opcua.lockout: 1s to 24h");
        }
        if (enabled && username == null && usersFile == null && !certificateUsers && !anonymous) {
            p.add("opcua: no way to log in: set username + password_file, users_file or certificate_users: true"
                    + " (anonymous: true only on a closed network)");
        }
        return p;
    }

    /** Relative files resolve against the config file's folder. */
    public OpcUaConfig resolvedAgainst(Path base) {
        if (base == null) {
            return this;
        }
        return new OpcUaConfig(enabled, bind, port, hostname, securityPolicies, username, abs(base, passwordFile),
                abs(base, usersFile), certificateUsers, anonymous, abs(base, pkiDir), maxFailedLogins, lockout);
    }

    /** The PKI folder: as configured, or {@code opcua-pki} next to the vault file. */
    public Path pkiDirOr(Path vaultFile) {
        return pkiDir != null ? pkiDir : vaultFile.toAbsolutePath().getParent().resolve("opcua-pki");
    }

    /** True when the port is reachable from other machines, which must be a deliberate choice. */
    @JsonIgnore
    public boolean exposedBeyondLoopback() {
        try {
            return !InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static Path abs(Path base, Path p) {
        return p == null ? null : base.resolve(p).normalize();
    }
}
