package io.yima.sim.line;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.api.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MonitoringMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoringParameters;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * A real OPC UA client (Eclipse Milo) for the line tests: its own application certificate, Basic256Sha256
 * SignAndEncrypt, and the few calls an MES makes — browse, read, subscribe to values and events, call methods.
 */
final class UaClient implements AutoCloseable {
    static final String NS = "urn:yima:edge";

    /** The client application's certificate and key (what UaExpert generates on first start). */
    record Identity(KeyPair keyPair, X509Certificate certificate) {
        static Identity generate(String name) throws Exception {
            KeyPair kp = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            X509Certificate cert = new SelfSignedCertificateBuilder(kp).setCommonName(name)
                    .setApplicationUri("urn:yima:it:" + name).addDnsName("localhost").build();
            return new Identity(kp, cert);
        }

        /** Puts the certificate where the edge's PKI trusts client applications. */
        void trustIn(Path pkiDir) throws Exception {
            Path dir = pkiDir.resolve("trusted").resolve("certs");
            Files.createDirectories(dir);
            Files.write(dir.resolve(certificate.getSubjectX500Principal().getName().replaceAll("[^A-Za-z0-9]", "_")
                    + ".der"), certificate.getEncoded());
        }
    }

    final OpcUaClient client;
    private final int ns;

    private UaClient(OpcUaClient client) {
        this.client = client;
        this.ns = client.getNamespaceTable().getIndex(NS).intValue();
    }

    static UaClient connect(String endpointUrl, Identity app, IdentityProvider user) throws Exception {
        return connect(endpointUrl, SecurityPolicy.Basic256Sha256, app, user);
    }

    static UaClient connect(String endpointUrl, SecurityPolicy policy, Identity app, IdentityProvider user)
            throws Exception {
        // Milo's create(url, …) waits for GetEndpoints without a deadline: a client stack that cannot answer (as
        // with a mismatched netty-channel-fsm, see simulator/pom.xml) would hang the run. Ask with one.
        List<EndpointDescription> offered = endpoints(endpointUrl);
        EndpointDescription endpoint = offered.stream()
                .filter(e -> policy.getUri().equals(e.getSecurityPolicyUri())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + policy + " endpoint at " + endpointUrl));
        OpcUaClient c = OpcUaClient.create(
                org.eclipse.milo.opcua.sdk.client.api.config.OpcUaClientConfig.builder().setEndpoint(endpoint)
                        .setApplicationName(LocalizedText.english("Yima IT client"))
                        .setApplicationUri(app.certificate() == null ? "urn:yima:it" : sanUri(app))
                        .setKeyPair(app.keyPair()).setCertificate(app.certificate())
                        .setIdentityProvider(user)
                        .setRequestTimeout(uint(20_000))
                        .build());
        try {
            c.connect().get(20, TimeUnit.SECONDS);
            // the namespace table is read on connect
            c.readNamespaceTable();
            return new UaClient(c);
        } catch (Exception e) {
            c.disconnect().get(5, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static String sanUri(Identity app) {
        return org.eclipse.milo.opcua.stack.core.util.CertificateUtil.getSanUri(app.certificate()).orElseThrow();
    }

    /** The endpoints the server offers (GetEndpoints, before any session). */
    static List<EndpointDescription> endpoints(String endpointUrl) throws Exception {
        return org.eclipse.milo.opcua.stack.client.DiscoveryClient.getEndpoints(endpointUrl).get(10, TimeUnit.SECONDS);
    }

    NodeId node(String path) {
        return new NodeId(ns, path);
    }

    List<String> browseNames(NodeId parent) throws Exception {
        return client.getAddressSpace().browse(parent).stream().map(ReferenceDescription::getBrowseName)
                .map(QualifiedName::getName).toList();
    }

    Optional<NodeId> child(NodeId parent, String name) throws Exception {
        for (ReferenceDescription r : client.getAddressSpace().browse(parent)) {
            if (r.getBrowseName().getName().equals(name)) {
                return r.getNodeId().toNodeId(client.getNamespaceTable());
            }
        }
        return Optional.empty();
    }

    Object read(String path) throws Exception {
        return client.readValue(0, TimestampsToReturn.Neither, node(path)).get(10, TimeUnit.SECONDS).getValue()
                .getValue();
    }

    CallMethodResult call(String line, String method, Object... args) throws Exception {
        Variant[] in = new Variant[args.length];
        for (int i = 0; i < args.length; i++) {
            in[i] = new Variant(args[i]);
        }
        return client.call(new CallMethodRequest(node(line), node(line + "/" + method), in)).get(60, TimeUnit.SECONDS);
    }

    UaSubscription subscription() throws Exception {
        return client.getSubscriptionManager().createSubscription(50.0).get(10, TimeUnit.SECONDS);
    }

    /** Every value the server reports for {@code path}, in order. */
    List<Object> watch(UaSubscription sub, String path) throws Exception {
        List<Object> values = new CopyOnWriteArrayList<>();
        ReadValueId rv = new ReadValueId(node(path), AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE);
        MonitoringParameters p = new MonitoringParameters(sub.nextClientHandle(), 50.0, null, uint(1000), true);
        create(sub, new MonitoredItemCreateRequest(rv, MonitoringMode.Reporting, p),
                item -> item.setValueConsumer((DataValue v) -> values.add(v.getValue().getValue())));
        return values;
    }

    /** Alarm events of {@code source}'s notifier: [SourceName, Message, Severity, ActiveState/Id] per event. */
    List<Variant[]> events(UaSubscription sub, NodeId source) throws Exception {
        List<Variant[]> events = new CopyOnWriteArrayList<>();
        EventFilter filter = new EventFilter(new SimpleAttributeOperand[] {
                field(Identifiers.BaseEventType, "SourceName"), field(Identifiers.BaseEventType, "Message"),
                field(Identifiers.BaseEventType, "Severity"),
                new SimpleAttributeOperand(Identifiers.AlarmConditionType, new QualifiedName[] {
                        new QualifiedName(0, "ActiveState"), new QualifiedName(0, "Id")}, AttributeId.Value.uid(), null)},
                new ContentFilter(null));
        ReadValueId rv = new ReadValueId(source, AttributeId.EventNotifier.uid(), null, QualifiedName.NULL_VALUE);
        MonitoringParameters p = new MonitoringParameters(sub.nextClientHandle(), 0.0,
                ExtensionObject.encode(client.getStaticSerializationContext(), filter), uint(100), true);
        create(sub, new MonitoredItemCreateRequest(rv, MonitoringMode.Reporting, p),
                item -> item.setEventConsumer((Variant[] v) -> events.add(v)));
        return events;
    }

    private static SimpleAttributeOperand field(NodeId type, String name) {
        return new SimpleAttributeOperand(type, new QualifiedName[] {new QualifiedName(0, name)},
                AttributeId.Value.uid(), null);
    }

    private static void create(UaSubscription sub, MonitoredItemCreateRequest req, Consumer<UaMonitoredItem> setup)
            throws Exception {
        List<UaMonitoredItem> items = sub.createMonitoredItems(TimestampsToReturn.Both, List.of(req),
                (item, i) -> setup.accept(item)).get(10, TimeUnit.SECONDS);
        if (!items.get(0).getStatusCode().isGood()) {
            throw new IllegalStateException("monitored item refused: " + items.get(0).getStatusCode());
        }
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(10, TimeUnit.SECONDS);
    }
}
