package io.yima.opcua;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.EventItem;
import org.eclipse.milo.opcua.sdk.server.model.nodes.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.api.methods.MethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DiagnosticInfo;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;

import static io.yima.opcua.JobArguments.arg;

/**
 * The edge's namespace ({@value #URI}): {@code Objects/YimaEdge/Lines/<line>} per line, built at start-up. Method
 * calls on a line are answered asynchronously: the service thread hands the command to the line and returns, the
 * answer goes out when the line's stage completes (no thread waits for the line).
 */
final class LineNamespace extends ManagedNamespaceWithLifecycle {
    static final String URI = "urn:yima:edge";

    private final SubscriptionModel subscriptions;
    private final Executor answers;
    private final Map<NodeId, BiFunction<Variant[], String, CompletableFuture<CallMethodResult>>> methods =
            new LinkedHashMap<>();
    private final Map<String, LineNodes> lines = new LinkedHashMap<>();
    private final Map<EventItem, SourceFilter> eventRoutes = new java.util.concurrent.ConcurrentHashMap<>();
    private UaObjectNode linesFolder;

    LineNamespace(OpcUaServer server) {
        super(server, URI);
        this.answers = server.getExecutorService();
        this.subscriptions = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptions);
        getLifecycleManager().addStartupTask(this::createRoot);
    }

    private void createRoot() {
        UaObjectNode edge = folder("Yima.Edge", "YimaEdge", "Yima Edge serialization lines");
        edge.addReference(new Reference(edge.getNodeId(), Identifiers.Organizes, Identifiers.ObjectsFolder.expanded(),
                false));
        linesFolder = folder("Yima.Lines", "Lines", "One object per configured line");
        edge.addComponent(linesFolder);
    }

    /** Builds a line's nodes and methods (after {@link #startup()}). */
    LineNodes addLine(String lineId, LineFeedFactory feeds) {
        LineNodes nodes = new LineNodes(this, getNodeContext(), lineId, linesFolder);
        LineFeed feed = feeds.create(nodes);
        Argument result = arg("Result", Identifiers.String, "OK, or why the line refused (the PLC protocol's NAK words)");
        Argument message = arg("Message", Identifiers.String, "Details for people; empty on OK");
        Argument jobId = arg("JobId", Identifiers.String, "The job the call acted on");
        nodes.startJob = nodes.method("StartJob", "Opens a job (or resumes the open one with the same fields);"
                + " answers once the job is committed", JobArguments.START_INPUTS, new Argument[] {result, message, jobId});
        nodes.startJobWithFields = nodes.method("StartJobWithFields", "StartJob with the job's label fields: title,"
                + " brand and production date", JobArguments.START_WITH_FIELDS_INPUTS,
                new Argument[] {result, message, jobId});
        nodes.stopJob = nodes.method("StopJob", "No more labels; labels in flight still get their result",
                new Argument[0], new Argument[] {result, message, jobId});
        Argument[] account = {result, message, jobId,
                arg("Printed", Identifiers.UInt32, "Codes printed"), arg("Bound", Identifiers.UInt32, "Codes bound"),
                arg("Rejected", Identifiers.UInt32, "Codes rejected"), arg("Voided", Identifiers.UInt32, "Codes voided")};
        nodes.closeJob = nodes.method("CloseJob", "Closes the open job; answers with its committed account",
                new Argument[0], account);
        nodes.closeCase = nodes.method("CloseCase", "Closes the open case now, as it is (the PLC's CLOSE_CASE);"
                + " its result follows in Packing/LastCase", new Argument[0], new Argument[] {result, message,
                arg("ItemCount", Identifiers.UInt32, "Items the case was closed with (0: the case was empty)")});
        nodes.closePallet = nodes.method("ClosePallet", "Packs the open pallet now with the cases packed so far"
                + " (the PLC's CLOSE_PALLET); its result follows in Packing/LastPallet", new Argument[0],
                new Argument[] {result, message, arg("CaseCount", Identifiers.UInt32,
                        "Cases the pallet was closed with (0: no packed case waited)")});
        Argument code = arg("Code", Identifiers.String, "The case or pallet code as read (code, URL or SSCC)");
        Argument reason = arg("Reason", Identifiers.String, "Why, for the audit log (may be empty)");
        Argument level = arg("Level", Identifiers.String, "CASE or PALLET");
        nodes.unpackCase = nodes.method("UnpackCase", "Unpacks a packed case (its items leave it) or pallet (its"
                + " cases leave it), as vault unpack; audited with the caller as operator and exported",
                new Argument[] {code, reason}, new Argument[] {result, message, level,
                        arg("ChildCount", Identifiers.UInt32, "Children that left it")});
        nodes.replaceItem = nodes.method("ReplaceItem", "Replaces a damaged item of a packed case: Old leaves, New"
                + " (BOUND in the job, in no case) enters, in one transaction, as vault replace",
                new Argument[] {arg("Case", Identifiers.String, "The case code as read"),
                        arg("Old", Identifiers.String, "The item leaving the case"),
                        arg("New", Identifiers.String, "The item entering the case")},
                new Argument[] {result, message, arg("ChildCount", Identifiers.UInt32, "Children of the case now")});
        nodes.voidCase = nodes.method("VoidCase", "Voids a case or pallet code (a packed one's children leave it"
                + " first); the code is never used again, as vault void-case", new Argument[] {code, reason},
                new Argument[] {result, message, level});
        nodes.repallet = nodes.method("Repallet", "Puts the open job's packed cases on no pallet (not those on the"
                + " open pallet) on a new pallet with a new SSCC label, the oldest CaseCount of them (0: all); its"
                + " result follows in Packing/LastPallet", new Argument[] {arg("CaseCount", Identifiers.UInt32,
                        "How many of the loose cases, oldest first (0: all)")},
                new Argument[] {result, message, arg("CaseCount", Identifiers.UInt32, "Cases it took (0: none)")});
        methods.put(nodes.unpackCase.getNodeId(), feed::unpackCase);
        methods.put(nodes.replaceItem.getNodeId(), feed::replaceItem);
        methods.put(nodes.voidCase.getNodeId(), feed::voidCase);
        methods.put(nodes.repallet.getNodeId(), feed::repallet);
        methods.put(nodes.closeCase.getNodeId(), (in, by) -> feed.closeCase());
        methods.put(nodes.closePallet.getNodeId(), (in, by) -> feed.closePallet());
        methods.put(nodes.startJob.getNodeId(), feed::startJob);
        methods.put(nodes.startJobWithFields.getNodeId(), feed::startJobWithFields);
        methods.put(nodes.stopJob.getNodeId(), (in, by) -> feed.stopJob(by));
        methods.put(nodes.closeJob.getNodeId(), (in, by) -> feed.closeJob(by));
        lines.put(lineId, nodes);
        return nodes;
    }

    /** Creates the feed that serves a line's nodes. */
    interface LineFeedFactory {
        LineFeed create(LineNodes nodes);
    }

    @Override
    public void call(CallContext context, List<CallMethodRequest> requests) {
        List<CompletableFuture<CallMethodResult>> results = new ArrayList<>(requests.size());
        for (CallMethodRequest r : requests) {
            var method = methods.get(r.getMethodId());
            if (method == null) {
                MethodInvocationHandler h;
                try {
                    h = getInvocationHandler(r.getObjectId(), r.getMethodId());
                } catch (UaException e) {
                    h = MethodInvocationHandler.NODE_ID_UNKNOWN;
                }
                results.add(CompletableFuture.completedFuture(h.invoke(context, r)));
            } else if (!isLineOf(r.getObjectId(), r.getMethodId())) {
                results.add(CompletableFuture.completedFuture(new CallMethodResult(
                        new StatusCode(StatusCodes.Bad_MethodInvalid), new StatusCode[0], new DiagnosticInfo[0],
                        new Variant[0])));
            } else {
                Variant[] in = r.getInputArguments() == null ? new Variant[0] : r.getInputArguments();
                results.add(method.apply(in, caller(context)).exceptionally(MethodResults::failed));
            }
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenCompleteAsync((v, e) ->
                context.success(results.stream().map(CompletableFuture::join).toList()), answers);
    }

    /** Who called, for the job's audit entry: {@code opcua user 'mes' at 10.0.0.5}. */
    static String caller(CallContext context) {
        return context.getSession().map(s -> {
            String user = s.getClientUserId();
            String at = s.getClientAddress() == null ? "?" : s.getClientAddress().getHostAddress();
            return "opcua " + (user == null ? "anonymous" : "user '" + user + "'") + " at " + at;
        }).orElse("opcua");
    }

    private boolean isLineOf(NodeId object, NodeId method) {
        return lines.values().stream().anyMatch(l -> l.object.getNodeId().equals(object)
                && (method.equals(l.startJob.getNodeId()) || method.equals(l.startJobWithFields.getNodeId())
                || method.equals(l.stopJob.getNodeId())
                || method.equals(l.closeJob.getNodeId()) || method.equals(l.closeCase.getNodeId())
                || method.equals(l.closePallet.getNodeId()) || method.equals(l.unpackCase.getNodeId())
                || method.equals(l.replaceItem.getNodeId()) || method.equals(l.voidCase.getNodeId())
                || method.equals(l.repallet.getNodeId())));
    }

    private UaObjectNode folder(String id, String name, String description) {
        UaObjectNode f = UaObjectNode.builder(getNodeContext())
                .setNodeId(newNodeId(id))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setTypeDefinition(Identifiers.FolderType)
                .build();
        getNodeManager().addNode(f);
        return f;
    }

    NodeId id(String s) {
        return newNodeId(s);
    }

    NodeId id(java.util.UUID u) {
        return newNodeId(u);
    }

    QualifiedName qn(String s) {
        return newQualifiedName(s);
    }

    UaNodeContext context() {
        return getNodeContext();
    }

    /**
     * Event subscriptions on a line or device object: Milo delivers events only to items on the Server object,
     * so each such item gets a subscriber that passes on the events whose source is that object or below it.
     */
    @Override
    public void onEventItemsCreated(List<EventItem> items) {
        for (EventItem item : items) {
            String prefix = String.valueOf(item.getReadValueId().getNodeId().getIdentifier());
            SourceFilter f = new SourceFilter(item, getNamespaceIndex(), prefix);
            if (eventRoutes.putIfAbsent(item, f) == null) {
                getServer().getEventBus().register(f);
            }
        }
    }

    @Override
    public void onEventItemsDeleted(List<EventItem> items) {
        for (EventItem item : items) {
            SourceFilter f = eventRoutes.remove(item);
            if (f != null) {
                getServer().getEventBus().unregister(f);
            }
        }
    }

    /** Passes an event on to one monitored item when its source node is the item's node or a node below it. */
    static final class SourceFilter {
        private final EventItem item;
        private final org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort ns;
        private final String prefix;

        SourceFilter(EventItem item, org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort ns,
                     String prefix) {
            this.item = item;
            this.ns = ns;
            this.prefix = prefix;
        }

        @com.google.common.eventbus.Subscribe
        public void onEvent(BaseEventTypeNode event) {
            NodeId source = event.getSourceNode();
            if (source != null && ns.equals(source.getNamespaceIndex())) {
                String id = String.valueOf(source.getIdentifier());
                if (id.equals(prefix) || id.startsWith(prefix + "/")) {
                    item.onEvent(event);
                }
            }
        }
    }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
        subscriptions.onDataItemsCreated(dataItems);
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
        subscriptions.onDataItemsModified(dataItems);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
        subscriptions.onDataItemsDeleted(dataItems);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
        subscriptions.onMonitoringModeChanged(monitoredItems);
    }
}
