package io.yima.opcua;

import io.yima.line.Subscription;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.yima.guard.RefusalCounters;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfigLimits;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.X509IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.model.nodes.objects.ServerTypeNode;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.structured.SignatureData;
import org.eclipse.milo.opcua.stack.core.types.structured.UserIdentityToken;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.server.EndpointConfiguration;
import org.eclipse.milo.opcua.stack.server.security.DefaultServerCertificateValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * The edge's OPC UA server (Eclipse Milo): one endpoint path {@value #PATH} on {@code opcua.bind:port} per
 * configured security policy, plus the unsecured {@code /discovery} endpoint clients read the endpoint list from
 * (no session is created there: {@link SessionGate}). Lines are exposed by {@link LineNamespace}; a publisher thread of its own copies
 * each line's snapshot into the nodes every {@value #TICK_MS} ms and posts device alarms, so neither the line's
 * thread nor a Netty event loop ever waits on OPC UA clients, and nothing here reads the vault.
 */
public final class EdgeOpcUaServer implements AutoCloseable {
    static final String PATH = "/yima";
    static final long TICK_MS = 100;
    private static final Logger log = LoggerFactory.getLogger(EdgeOpcUaServer.class);

    private final OpcUaServer server;
    private final LineNamespace namespace;
    private final ScheduledExecutorService publisher;
    private final List<LineFeed> feeds = new ArrayList<>();
    /** The feeds' places on the lines: {@link #close} takes them off. */
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final String endpointUrl;

    private EdgeOpcUaServer(OpcUaConfig c, Path pkiDir, OpcUaUsers users, List<OpcUaLine> lines,
                            RefusalCounters counters) throws Exception {
        String hostname = hostname(c);
        ServerCertificate own = ServerCertificate.loadOrCreate(pkiDir, hostname);
        DefaultTrustListManager trust = new DefaultTrustListManager(pkiDir.toFile());
        endpointUrl = "opc.tcp://" + hostname + ":" + c.port() + PATH;
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri(own.applicationUri())
                .setApplicationName(LocalizedText.english("Yima Edge"))
                .setProductUri("urn:yima:edge")
                .setBuildInfo(new BuildInfo("urn:yima:edge", "Yima", "Yima Edge", version(), "", DateTime.now()))
                .setEndpoints(endpoints(c, hostname, own.certificate()))
                .setCertificateManager(new DefaultCertificateManager(own.keyPair(), own.certificate()))
                .setTrustListManager(trust)
                .setCertificateValidator(new DefaultServerCertificateValidator(trust))
                .setIdentityValidator(identities(c, users, trust))
                .setLimits(new Limits())
                .build();
        server = new OpcUaServer(config);
        namespace = new LineNamespace(server);
        namespace.startup();
        publisher = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("opcua-publisher", true));
        new SessionGate(server, c, Limits.MAX_SESSIONS, counters, publisher).install(PATH, publisher);
        DeviceAlarms alarms = new DeviceAlarms(server, namespace);
        for (OpcUaLine line : lines) {
            namespace.addLine(line.commands().lineId(), nodes -> {
                LineFeed feed = new LineFeed(line, nodes, alarms, publisher);
                feeds.add(feed);
                return feed;
            });
        }
        server.getAddressSpaceManager().getManagedNode(Identifiers.Server).ifPresent(n -> {
            if (n instanceof ServerTypeNode s) {
                s.setEventNotifier(ubyte(1)); // SubscribeToEvents: all device alarms
            }
        });
    }

    /**
     * Starts the server for {@code lines} and subscribes to their events. Fails (and leaves nothing running) when
     * the port cannot be bound or the PKI folder cannot be written.
     */
    public static EdgeOpcUaServer start(OpcUaConfig c, Path pkiDir, List<OpcUaLine> lines) throws Exception {
        return start(c, pkiDir, lines, RefusalCounters.NONE);
    }

    /** As above; refused sessions and logins are counted in {@code counters} under the port {@code opcua}. */
    public static EdgeOpcUaServer start(OpcUaConfig c, Path pkiDir, List<OpcUaLine> lines, RefusalCounters counters)
            throws Exception {
        OpcUaUsers users = OpcUaUsers.load(c);
        EdgeOpcUaServer s = new EdgeOpcUaServer(c, pkiDir, users, lines, counters);
        try {
            s.server.startup().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            s.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("OPC UA: cannot listen on " + c.bind() + ":" + c.port() + " ("
                    + cause.getMessage() + ")", cause);
        }
        // Milo logs a failed bind and starts anyway: without this check the edge would claim a port it lacks
        if (s.server.getStackServer().getBoundEndpoints().isEmpty()) {
            s.close();
            throw new IllegalStateException("OPC UA: cannot listen on " + c.bind() + ":" + c.port(),
                    new java.net.BindException("address already in use"));
        }
        for (int i = 0; i < lines.size(); i++) {
            s.subscriptions.add(lines.get(i).commands().subscribe(s.feeds.get(i)));
        }
        s.publisher.scheduleWithFixedDelay(s::refresh, 0, TICK_MS, TimeUnit.MILLISECONDS);
        if (c.exposedBeyondLoopback()) {
            log.warn("OPC UA server listens on {}:{}, reachable from the network", c.bind(), c.port());
        }
        log.info("OPC UA server on {} ({}; {} user(s), certificate users {}, anonymous {}; PKI {})", s.endpointUrl,
                String.join(", ", c.securityPolicies()), users.size(), c.certificateUsers() ? "on" : "off",
                c.anonymous() ? "ON" : "off", pkiDir);
        return s;
    }

    private void refresh() {
        for (LineFeed f : feeds) {
            try {
                f.refresh();
            } catch (RuntimeException e) {
                log.warn("OPC UA: refreshing line nodes failed: {}", e.toString());
            }
        }
    }

    /** The URL clients connect to, e.g. {@code opc.tcp://127.0.0.1:4840/yima}. */
    public String endpointUrl() {
        return endpointUrl;
    }

    private static Set<EndpointConfiguration> endpoints(OpcUaConfig c, String hostname, X509Certificate cert) {
        List<UserTokenPolicy> tokens = new ArrayList<>();
        // user names and passwords are encrypted with the server certificate even on a None endpoint
        tokens.add(new UserTokenPolicy("username", UserTokenType.UserName, null, null,
                SecurityPolicy.Basic256Sha256.getUri()));
        if (c.certificateUsers()) {
            tokens.add(new UserTokenPolicy("certificate", UserTokenType.Certificate, null, null,
                    SecurityPolicy.Basic256Sha256.getUri()));
        }
        if (c.anonymous()) {
            tokens.add(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
        }
        EndpointConfiguration.Builder base = EndpointConfiguration.newBuilder()
                .setBindAddress(c.bind())
                .setBindPort(c.port())
                .setHostname(hostname)
                .setCertificate(cert)
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY);
        Set<EndpointConfiguration> out = new LinkedHashSet<>();
        for (String p : c.securityPolicies()) {
            SecurityPolicy policy = p.equals("None") ? SecurityPolicy.None : SecurityPolicy.Basic256Sha256;
            out.add(base.copy().setPath(PATH).setSecurityPolicy(policy)
                    .setSecurityMode(policy == SecurityPolicy.None ? MessageSecurityMode.None
                            : MessageSecurityMode.SignAndEncrypt)
                    .addTokenPolicies(tokens.toArray(UserTokenPolicy[]::new)).build());
        }
        if (!c.securityPolicies().contains("None")) {
            // GetEndpoints needs an unsecured channel on the URL a client was given; SecuredOnly refuses any
            // session on it, so it serves discovery only (Milo would advertise "anonymous" on an endpoint without
            // token policies, hence the user-name policy)
            out.add(base.copy().setPath(PATH).setSecurityPolicy(SecurityPolicy.None)
                    .setSecurityMode(MessageSecurityMode.None).addTokenPolicies(tokens.get(0)).build());
        }
        return out;
    }

    /**
     * What one client can ask of the server, kept to what an MES needs: a few sessions, no publishing or sampling
     * faster than the nodes change (every {@value #TICK_MS} ms).
     */
    static final class Limits implements OpcUaServerConfigLimits {
        static final int MAX_SESSIONS = 20;

        @Override
        public UInteger getMaxSessionCount() {
            // Milo counts created-but-not-activated sessions too; SessionGate keeps logged-in sessions to
            // MAX_SESSIONS and unactivated ones to its own bound
            return uint(MAX_SESSIONS + SessionGate.MAX_PENDING);
        }

        @Override
        public Double getMinPublishingInterval() {
            return 50.0;
        }

        @Override
        public Double getMinSupportedSampleRate() {
            return 50.0;
        }
    }

    private static IdentityValidator<?> identities(OpcUaConfig c, OpcUaUsers users, DefaultTrustListManager trust) {
        UsernameIdentityValidator passwords = new UsernameIdentityValidator(c.anonymous(),
                challenge -> users.accepts(challenge.getUsername(), challenge.getPassword()));
        if (!c.certificateUsers()) {
            return new SecuredOnly(c, passwords);
        }
        // a user certificate logs in when the technician has put it in PKI/trusted/certs
        X509IdentityValidator certificates = new X509IdentityValidator(cert ->
                trust.getTrustedCertificates().contains(cert));
        return new SecuredOnly(c, new CompositeValidator(passwords, certificates));
    }

    /** Refuses every session on an endpoint whose security policy is not configured (the discovery endpoint). */
    private record SecuredOnly(OpcUaConfig config, IdentityValidator<?> next) implements IdentityValidator<Object> {
        @Override
        public Object validateIdentityToken(Session session, UserIdentityToken token, UserTokenPolicy policy,
                                            SignatureData signature) throws UaException {
            SecurityPolicy used = SecurityPolicy.fromUri(session.getEndpoint().getSecurityPolicyUri());
            String name = used == SecurityPolicy.None ? "None" : used.name();
            if (!config.securityPolicies().contains(name)) {
                throw new UaException(StatusCodes.Bad_SecurityPolicyRejected,
                        "this endpoint serves discovery only; connect with " + config.securityPolicies());
            }
            return next.validateIdentityToken(session, token, policy, signature);
        }
    }

    private static String hostname(OpcUaConfig c) {
        if (c.hostname() != null) {
            return c.hostname();
        }
        try {
            InetAddress bind = InetAddress.getByName(c.bind());
            if (!bind.isAnyLocalAddress()) {
                return c.bind();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return c.bind();
        }
    }

    private static String version() {
        return io.yima.ops.BuildInfo.current().version();
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        publisher.shutdownNow();
        try {
            publisher.awaitTermination(2, TimeUnit.SECONDS);
            namespace.shutdown();
            server.shutdown().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("OPC UA server did not stop cleanly: {}", e.toString());
        }
    }
}
