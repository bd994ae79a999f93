package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.client.UaStackClient;
import org.eclipse.milo.opcua.stack.client.UaStackClientConfig;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.ApplicationType;
import org.eclipse.milo.opcua.stack.core.types.structured.ApplicationDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSessionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a client that reaches the OPC UA port but has no certificate and no password must not lock the MES
 * out. Hostile loops are sent with Milo's stack client (CreateSession and nothing else, as a script would); the
 * MES logs in with Milo's full client; refusals are read off the running daemon's /metrics.
 */
class OpcUaSessionGuardIT {
    static final int LOOP = 60;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void clientCertificate() throws Exception {
        OpcUaLineIT.clientCertificate();
    }

    /** A bare stack client on {@code url}'s endpoint with {@code policy} (None: no certificate at all). */
    private static UaStackClient stack(String url, SecurityPolicy policy) throws Exception {
        EndpointDescription e = UaClient.endpoints(url).stream()
                .filter(d -> d.getSecurityPolicyUri().equals(policy.getUri())).findFirst().orElseThrow();
        UaStackClient c = UaStackClient.create(UaStackClientConfig.builder().setEndpoint(e)
                .setRequestTimeout(uint(10_000)).build());
        c.connect().get(10, TimeUnit.SECONDS);
        return c;
    }

    /** One CreateSession, never activated: the status it is answered with. */
    private static StatusCode createSession(UaStackClient c, String url) throws Exception {
        CreateSessionRequest r = new CreateSessionRequest(c.newRequestHeader(), new ApplicationDescription(
                "urn:hostile", null, LocalizedText.english("hostile"), ApplicationType.Client, null, null, null),
                null, url, "hostile", null, null, 120_000.0, uint(0));
        try {
            c.sendRequest(r).get(10, TimeUnit.SECONDS);
            return StatusCode.GOOD;
        } catch (ExecutionException e) {
            return UaException.extractStatusCode(e).orElseThrow(() -> e);
        }
    }

    private String metrics(LiveLine line) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + line.statusPort() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String refused(String reason, int n) {
        return "yima_requests_refused_total\\{port=\"opcua\",reason=\"" + reason + "\"} " + n + "(\\.0)?\\b";
    }

    @Test
    void sixtyCreateSessionsOnTheDiscoveryEndpointGetNoSlotAndTheMesLogsIn(@TempDir Path dir) throws Exception {
        try (LiveLine line = OpcUaLineIT.line(dir, 20, Map.of())) {
            String url = OpcUaLineIT.url(line);
            List<UaStackClient> hostile = new ArrayList<>();
            try {
                for (int c = 0; c < 6; c++) {
                    UaStackClient s = stack(url, SecurityPolicy.None); // channels stay open meanwhile
                    hostile.add(s);
                    for (int i = 0; i < LOOP / 6; i++) {
                        assertThat(createSession(s, url).getValue()).as("CreateSession on the discovery endpoint")
                                .isEqualTo(StatusCodes.Bad_SecurityPolicyRejected);
                    }
                }
                try (UaClient mes = OpcUaLineIT.mes(line)) {
                    assertThat(mes.read("L1/StateName")).isEqualTo("Idle");
                }
            } finally {
                for (UaStackClient s : hostile) {
                    s.disconnect().get(10, TimeUnit.SECONDS);
                }
            }
            assertThat(metrics(line)).containsPattern(refused("discovery_only", LOOP));
        }
    }

    @Test
    void refusedLoginsFreeTheirSlotAtOnce(@TempDir Path dir) throws Exception {
        int wrong = 25; // more than the server's 20 session slots
        try (LiveLine line = OpcUaLineIT.line(dir, 20, Map.of("max_failed_logins", 100))) {
            String url = OpcUaLineIT.url(line);
            for (int i = 0; i < wrong; i++) {
                String guess = "wrong-pass-" + i;
                assertThatThrownBy(() -> UaClient.connect(url, OpcUaLineIT.app,
                        new UsernameProvider("mes", guess)).close()).as(guess)
                        .hasMessageContaining("Bad_UserAccessDenied");
            }
            try (UaClient mes = OpcUaLineIT.mes(line)) {
                assertThat(mes.read("L1/StateName")).isEqualTo("Idle");
            }
            assertThat(metrics(line)).containsPattern(refused("login_failed", wrong));
        }
    }

    @Test
    void anAddressWithTooManyRefusedLoginsIsLockedOutForTheLockout(@TempDir Path dir) throws Exception {
        try (LiveLine line = OpcUaLineIT.line(dir, 20, Map.of("max_failed_logins", 3, "lockout", "4s"))) {
            String url = OpcUaLineIT.url(line);
            for (int i = 0; i < 3; i++) {
                String guess = "guess-" + i;
                assertThatThrownBy(() -> UaClient.connect(url, OpcUaLineIT.app,
                        new UsernameProvider("mes", guess)).close()).hasMessageContaining("Bad_UserAccessDenied");
            }
            assertThatThrownBy(() -> OpcUaLineIT.mes(line).close()).as("even the right password, from this address")
                    .hasMessageContaining("Bad_UserAccessDenied");
            String during = metrics(line);
            assertThat(during).containsPattern(refused("login_failed", 3));
            assertThat(during).containsPattern("yima_requests_refused_total\\{port=\"opcua\",reason=\"locked_out\"} [1-9]");
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        try (UaClient mes = OpcUaLineIT.mes(line)) {
                            return "Idle".equals(mes.read("L1/StateName"));
                        }
                    });
        }
    }

    @Test
    void onANoneEndpointUnactivatedSessionsAreBoundedPerAddressAndClosedWhenAbandonedOrLate(@TempDir Path dir)
            throws Exception {
        try (LiveLine line = OpcUaLineIT.line(dir, 20, Map.of("security_policies", List.of("Basic256Sha256",
                "None")))) {
            String url = OpcUaLineIT.url(line);
            // a loop of CreateSession without login on one connection: at most 3 wait, the rest are refused
            UaStackClient hostile = stack(url, SecurityPolicy.None);
            int created = 0;
            for (int i = 0; i < LOOP; i++) {
                StatusCode s = createSession(hostile, url);
                if (s.isGood()) {
                    created++;
                } else {
                    assertThat(s.getValue()).isEqualTo(StatusCodes.Bad_TooManySessions);
                }
            }
            assertThat(created).as("sessions one address may hold unactivated").isBetween(1, 3);
            assertThat(metrics(line)).containsPattern(refused("too_many_waiting", LOOP - created));
            // its connection closes: its sessions are closed with it, not after the 120 s session timeout
            hostile.disconnect().get(10, TimeUnit.SECONDS);
            String abandoned = refused("abandoned", created);
            await().atMost(Duration.ofSeconds(10)).until(() -> metrics(line), m -> m.matches("(?s).*" + abandoned
                    + ".*"));
            try (UaClient mes = OpcUaLineIT.mes(line)) {
                assertThat(mes.read("L1/StateName")).isEqualTo("Idle");
            }
            // three waiting sessions on a connection kept open hold the address until they are closed as late.
            // Each is closed 5 s after its own CreateSession, on the 250 ms sweep, so they can go on different
            // sweeps, and the MES gets in as soon as the first is gone: the count is what is waited for.
            UaStackClient holding = stack(url, SecurityPolicy.None);
            try {
                for (int i = 0; i < 3; i++) {
                    assertThat(createSession(holding, url).isGood()).isTrue();
                }
                String late = refused("unactivated", 3);
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                        .until(() -> metrics(line), m -> m.matches("(?s).*" + late + ".*"));
                try (UaClient mes = OpcUaLineIT.mes(line)) {
                    assertThat(mes.read("L1/StateName")).isEqualTo("Idle");
                }
            } finally {
                holding.disconnect().get(10, TimeUnit.SECONDS);
            }
        }
    }
}
