package io.yima.opcua;

import io.yima.guard.FailedAttempts;
import io.yima.guard.PortGuard;
import io.yima.guard.RefusalCounters;
import io.yima.guard.RefusalLog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.SessionManager;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.structured.ActivateSessionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ActivateSessionResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.CloseSessionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSessionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSessionResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.RequestHeader;
import org.eclipse.milo.opcua.stack.core.types.structured.UserNameIdentityToken;
import org.eclipse.milo.opcua.stack.server.services.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * Who may hold one of the server's session slots. Milo creates a session at CreateSession, before any user check,
 * and keeps an unactivated one for the session timeout (up to 120 s), so anyone who reaches the port could fill
 * every slot. This gate sits in front of Milo's CreateSession and ActivateSession:
 * <ul>
 * <li>no session on an endpoint whose security policy is not configured (the discovery endpoint);</li>
 * <li>no session for a client address locked out by {@link FailedAttempts} (too many refused logins);</li>
 * <li>at most {@value #MAX_PENDING} created-but-not-activated sessions, {@value #MAX_PENDING_PER_SOURCE} per
 * client address, each closed if not activated within {@link #PENDING_TIMEOUT} — a real client activates within
 * milliseconds — or as soon as its client address has no connection left (a session whose secure channel closed
 * can never be activated; Milo does not tell which channel closed, so a client with another connection open
 * waits for the timeout);</li>
 * <li>a refused activation (wrong password, untrusted user certificate) closes its session at once.</li>
 * </ul>
 * Every refusal is counted in the metrics under the port {@code opcua} and written to the log at a bounded rate.
 */
final class SessionGate {
    private static final Logger LOG = LoggerFactory.getLogger(SessionGate.class);
    static final int MAX_PENDING = 10;
    static final int MAX_PENDING_PER_SOURCE = 3;
    static final Duration PENDING_TIMEOUT = Duration.ofSeconds(5);
    static final String PORT = "opcua";
    static final long SWEEP_MS = 250;

    /** A created session waiting for its ActivateSession. */
    private record Pending(NodeId sessionId, long channelId, InetAddress source, EndpointDescription endpoint,
                           long createdAt) {
    }

    private final OpcUaServer server;
    private final OpcUaConfig config;
    /** Client addresses whose refused logins are remembered (the longest quiet forgotten first). */
    private static final int MAX_THROTTLED_SOURCES = 1024;
    private final FailedAttempts throttle;
    private final RefusalCounters counters;
    private final RefusalLog log;
    private final int maxSessions;
    private final Map<NodeId, Pending> pending = new ConcurrentHashMap<>();

    SessionGate(OpcUaServer server, OpcUaConfig config, int maxSessions, RefusalCounters counters,
                ScheduledExecutorService timer) {
        this.server = server;
        this.config = config;
        this.maxSessions = maxSessions;
        // a source with max_failed_logins refused logins within the lockout gets no session until the oldest is that old
        this.throttle = new FailedAttempts(config.maxFailedLogins(), config.lockout(),
                MAX_THROTTLED_SOURCES, System::nanoTime);
        this.counters = counters;
        this.log = new RefusalLog(LOG, "OPC UA port", PortGuard.LOG_INTERVAL, timer);
    }

    /** Puts the gate in front of Milo's session services on {@code path}; sweeps unactivated sessions on {@code timer}. */
    void install(String path, ScheduledExecutorService timer) {
        server.getStackServer().addServiceHandler(path, CreateSessionRequest.TYPE_ID, this::create);
        server.getStackServer().addServiceHandler(path, ActivateSessionRequest.TYPE_ID, this::activate);
        timer.scheduleWithFixedDelay(this::sweep, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    private SessionManager sessions() {
        return server.getSessionManager();
    }

    private void create(ServiceRequest request) {
        InetAddress source = request.getClientAddress();
        String policy = policyName(request.getEndpoint());
        if (!config.securityPolicies().contains(policy)) {
            refuse(request, StatusCodes.Bad_SecurityPolicyRejected, "discovery_only", "a session on the discovery"
                    + " endpoint (security None); sessions need " + String.join(", ", config.securityPolicies()));
            return;
        }
        if (throttle.lockedOut(source)) {
            refuse(request, StatusCodes.Bad_UserAccessDenied, "locked_out", config.maxFailedLogins()
                    + " refused logins within " + config.lockout().toSeconds() + " s from this address");
            return;
        }
        long fromSource = pending.values().stream().filter(p -> p.source().equals(source)).count();
        if (pending.size() >= MAX_PENDING || fromSource >= MAX_PENDING_PER_SOURCE) {
            refuse(request, StatusCodes.Bad_TooManySessions, "too_many_waiting", (fromSource >= MAX_PENDING_PER_SOURCE
                    ? fromSource + " sessions from this address" : pending.size() + " sessions") + " wait for a login");
            return;
        }
        // registered before Milo answers, so it runs before the response leaves (the client cannot activate first)
        request.getFuture().thenAccept(response -> {
            if (response instanceof CreateSessionResponse r) {
                pending.put(r.getAuthenticationToken(), new Pending(r.getSessionId(), request.getSecureChannelId(),
                        source, request.getEndpoint(), System.nanoTime()));
            }
        });
        sessions().onCreateSession(request);
    }

    private void activate(ServiceRequest request) {
        NodeId token = request.getRequest().getRequestHeader().getAuthenticationToken();
        Pending p = pending.get(token);
        if (p == null) {
            // an active session's identity change or move to a new channel, or a stale token: Milo decides
            sessions().onActivateSession(request);
            return;
        }
        if (activeSessions() >= maxSessions) {
            pending.remove(token);
            close(token, p);
            refuse(request, StatusCodes.Bad_TooManySessions, "too_many_sessions", maxSessions
                    + " sessions are logged in");
            return;
        }
        request.getFuture().whenComplete((response, error) -> {
            pending.remove(token);
            if (response instanceof ActivateSessionResponse) {
                return;
            }
            throttle.failed(p.source());
            counters.requestRefused(PORT, "login_failed");
            log.refused("login", "login_failed", address(p.source()), user(request) + ": " + status(error));
            close(token, p); // its slot is free at once, not after the session timeout
        });
        sessions().onActivateSession(request);
    }

    /**
     * Closes sessions not activated within {@link #PENDING_TIMEOUT}, and at once those whose client address has
     * no connection left.
     */
    private void sweep() {
        if (pending.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        java.util.Set<InetAddress> connected = new java.util.HashSet<>();
        for (io.netty.channel.Channel c : server.getStackServer().getConnectedChannels()) {
            if (c.isActive() && c.remoteAddress() instanceof InetSocketAddress a) {
                connected.add(a.getAddress());
            }
        }
        for (Map.Entry<NodeId, Pending> e : List.copyOf(pending.entrySet())) {
            Pending p = e.getValue();
            boolean gone = !connected.contains(p.source());
            boolean late = now - p.createdAt() >= PENDING_TIMEOUT.toNanos();
            if ((gone || late) && pending.remove(e.getKey(), p) && stillCreated(p)) {
                String reason = gone ? "abandoned" : "unactivated";
                counters.requestRefused(PORT, reason);
                log.refused("session", reason, address(p.source()), gone ? "its connection closed before a login;"
                        + " closed" : "not activated within " + PENDING_TIMEOUT.toSeconds() + " s; closed");
                close(e.getKey(), p);
            }
        }
    }

    private boolean stillCreated(Pending p) {
        for (Session s : sessions().getAllSessions()) {
            if (s.getSessionId().equals(p.sessionId())) {
                return s.getIdentityObject() == null;
            }
        }
        return false;
    }

    private long activeSessions() {
        return sessions().getAllSessions().stream().filter(s -> s.getIdentityObject() != null).count();
    }

    /** Closes a created session through Milo's own CloseSession, as its client would on the same channel. */
    private void close(NodeId token, Pending p) {
        RequestHeader header = new RequestHeader(token, DateTime.now(), uint(0), uint(0), null, uint(0), null);
        ServiceRequest close = new ServiceRequest(server.getStackServer(), new CloseSessionRequest(header, true),
                p.endpoint(), p.channelId(), p.source(), null);
        sessions().onCloseSession(close);
    }

    private void refuse(ServiceRequest request, long status, String reason, String detail) {
        counters.requestRefused(PORT, reason);
        log.refused("session", reason, address(request.getClientAddress()), detail);
        request.setServiceFault(new UaException(status, detail));
    }

    private String user(ServiceRequest request) {
        ExtensionObject token = ((ActivateSessionRequest) request.getRequest()).getUserIdentityToken();
        Object decoded = token == null || token.isNull() ? null
                : token.decodeOrNull(server.getSerializationContext());
        if (decoded instanceof UserNameIdentityToken u) {
            return "user '" + u.getUserName() + "'";
        }
        return decoded == null ? "anonymous" : "a user certificate";
    }

    private static String status(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof UaException e) {
            return StatusCodes.lookup(e.getStatusCode().getValue()).map(s -> s[0])
                    .orElse(e.getStatusCode().toString());
        }
        return "refused";
    }

    static String policyName(EndpointDescription endpoint) {
        SecurityPolicy used = SecurityPolicy.fromUriSafe(endpoint.getSecurityPolicyUri()).orElse(null);
        return used == null ? "unknown" : used == SecurityPolicy.None ? "None" : used.name();
    }

    private static String address(InetAddress a) {
        return a == null ? "?" : PortGuard.peer(new InetSocketAddress(a, 0)).replaceFirst(":0$", "");
    }
}
