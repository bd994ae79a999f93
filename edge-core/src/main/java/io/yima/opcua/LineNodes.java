package io.yima.opcua;

import io.yima.line.DeviceState;
import io.yima.line.JobAccount;
import io.yima.line.LineEvent;
import io.yima.line.LineSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * One line's object in the address space ({@code YimaEdge/Lines/<line>}, the tree in docs/opcua.md) and the writes
 * that keep its variables current. Written only from the server's publisher thread: from the line's published
 * snapshot (state, job, counters, devices) and from its events handed over by {@link LineFeed} (last result, last
 * closed job). A variable is written only when its value changes, so subscribers see changes, not samples.
 */
final class LineNodes {
    private final LineNamespace ns;
    private final UaNodeContext ctx;
    private final String lineId;
    final UaObjectNode object;
    final Map<Device, UaObjectNode> devices = new HashMap<>();
    private final Map<String, UaVariableNode> variables = new HashMap<>();
    private final Map<String, Object> written = new HashMap<>();
    UaMethodNode startJob;
    UaMethodNode startJobWithFields;
    UaMethodNode stopJob;
    UaMethodNode closeJob;
    UaMethodNode closeCase;
    UaMethodNode closePallet;
    UaMethodNode unpackCase;
    UaMethodNode replaceItem;
    UaMethodNode voidCase;
    UaMethodNode repallet;

    /** The devices the line depends on, as the address space names them. */
    enum Device { Printer, Scanner, Vault }

    LineNodes(LineNamespace ns, UaNodeContext ctx, String lineId, UaObjectNode linesFolder) {
        this.ns = ns;
        this.ctx = ctx;
        this.lineId = lineId;
        this.object = object(linesFolder, lineId, lineId, "Serialization line " + lineId);
        object.setEventNotifier(ubyte(1)); // SubscribeToEvents: the line's device alarms
        variable(object, "State", Identifiers.Int32, 2, "PackML state (OPC UA StateEnumeration value)");
        variable(object, "StateName", Identifiers.String, "Idle", "PackML state name");
        variable(object, "LineState", Identifiers.String, "IDLE", "The line's own state: IDLE, RUNNING, STOPPED, PAUSED");
        UaObjectNode job = object(object, lineId + "/Job", "Job", "The open job (empty between jobs)");
        variable(job, "JobId", Identifiers.String, "", "Job id");
        variable(job, "Sku", Identifiers.String, "", "Product SKU");
        variable(job, "Batch", Identifiers.String, "", "Batch or lot");
        variable(job, "Mode", Identifiers.String, "", "TRIGGERED, STREAM or PREPRINT");
        variable(job, "Quantity", Identifiers.UInt32, uint(0), "Labels the job may issue");
        UaObjectNode counters = object(object, lineId + "/Counters", "Counters",
                "The open job's counts: printed = bound + rejected + voided once every label has its result");
        for (String c : new String[] {"Printed", "Bound", "Rejected", "Voided"}) {
            variable(counters, c, Identifiers.UInt32, uint(0), c + " codes of the open job");
        }
        UaObjectNode last = object(object, lineId + "/LastResult", "LastResult", "The latest item result");
        variable(last, "ItemId", Identifiers.String, "", "The item the result is for");
        variable(last, "Result", Identifiers.String, "", "OK (code bound) or REJECT (kick the item out)");
        variable(last, "Reason", Identifiers.String, "",
                "REJECT reason: NO_READ, MISMATCH, DUPLICATE, FOREIGN, TIMEOUT, PRINTER_FAULT, VOIDED; empty for OK");
        variable(last, "Code", Identifiers.String, "", "The code bound to the item; empty for REJECT");
        variable(last, "EventNumber", Identifiers.Int64, 0L, "The line's event number of this result");
        UaObjectNode devicesFolder = object(object, lineId + "/Devices", "Devices", "What the line depends on");
        for (Device d : Device.values()) {
            UaObjectNode o = object(devicesFolder, lineId + "/Devices/" + d, d.name(), d + " link");
            o.setEventNotifier(ubyte(1));
            devices.put(d, o);
            variable(o, "State", Identifiers.String, "OFFLINE", "ONLINE, OFFLINE or FAULT");
            variable(o, "Reason", Identifiers.String, "", "Why it is not ONLINE, in the device's own words");
        }
        UaObjectNode packing = object(object, lineId + "/Packing", "Packing", "Aggregation (docs/aggregation.md): the"
                + " open job's cases and pallets; all 0 and empty on a line that packs no cases");
        variable(packing, "CasesPacked", Identifiers.UInt32, uint(0), "Cases packed in the open job");
        variable(packing, "CasesRejected", Identifiers.UInt32, uint(0), "Cases rejected in the open job");
        variable(packing, "OpenCaseItems", Identifiers.UInt32, uint(0), "Verified items in the open case");
        variable(packing, "PalletsPacked", Identifiers.UInt32, uint(0), "Pallets packed in the open job");
        variable(packing, "PalletsRejected", Identifiers.UInt32, uint(0), "Pallets rejected in the open job");
        variable(packing, "OpenPalletCases", Identifiers.UInt32, uint(0), "Packed cases waiting on the open pallet");
        for (String unit : new String[] {"LastCase", "LastPallet"}) {
            boolean isCase = unit.equals("LastCase");
            UaObjectNode lastUnit = object(packing, lineId + "/Packing/" + unit, unit, "The latest "
                    + (isCase ? "case" : "pallet") + " result");
            variable(lastUnit, "Number", Identifiers.Int64, 0L, "The " + (isCase ? "case" : "pallet")
                    + "'s number in the job (1, 2, …)");
            variable(lastUnit, "ParentElement", Identifiers.String, "", "Its code (OPEN-SCS ParentElement): "
                    + (isCase ? "the WeChat case code or the SSCC's 18 digits" : "the SSCC's 18 digits")
                    + "; empty when none was read or reserved");
            variable(lastUnit, "PackedElements", Identifiers.UInt32, uint(0), isCase ? "Items it was closed with"
                    : "Cases it was closed with");
            variable(lastUnit, "Result", Identifiers.String, "", "PACKED or REJECTED");
            variable(lastUnit, "Reason", Identifiers.String, "", "REJECTED reason (the PLC protocol's, e.g. CASE_NO_READ,"
                    + " MISSING, PRINTER_FAULT); empty for PACKED");
            variable(lastUnit, "EventNumber", Identifiers.Int64, 0L, "The line's event number of this result");
        }
        UaObjectNode closed = object(object, lineId + "/LastClosedJob", "LastClosedJob",
                "The account of the last job closed since the edge started");
        variable(closed, "JobId", Identifiers.String, "", "Job id");
        for (String c : new String[] {"Printed", "Bound", "Rejected", "Voided"}) {
            variable(closed, c, Identifiers.UInt32, uint(0), c + " codes of the closed job");
        }
    }

    String lineId() {
        return lineId;
    }

    /** Adds a method to the line's object; the namespace answers calls to it. */
    UaMethodNode method(String name, String description, Argument[] in, Argument[] out) {
        UaMethodNode m = UaMethodNode.builder(ctx)
                .setNodeId(ns.id(lineId + "/" + name))
                .setBrowseName(ns.qn(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setExecutable(true).setUserExecutable(true)
                .build();
        m.setInputArguments(in);
        m.setOutputArguments(out);
        ctx.getNodeManager().addNode(m);
        object.addComponent(m);
        return m;
    }

    /** The line's published snapshot, and whether a StartJob call is waiting for the line. */
    void show(LineSnapshot s, boolean starting) {
        PackMlState p = PackMlState.of(s, starting);
        set("State", p.value);
        set("StateName", p.label);
        set("LineState", s.state().name());
        set("Job/JobId", nz(s.jobId()));
        set("Job/Sku", nz(s.sku()));
        set("Job/Batch", nz(s.batch()));
        set("Job/Mode", s.jobId() == null ? "" : s.mode().name());
        set("Job/Quantity", uint(s.quantity()));
        set("Counters/Printed", count(s.printed()));
        set("Counters/Bound", count(s.bound()));
        set("Counters/Rejected", count(s.rejected()));
        set("Counters/Voided", count(s.voided()));
        device(Device.Printer, s.printerLink(), s.printerFault());
        device(Device.Scanner, s.scannerLink(), s.scannerFault());
        device(Device.Vault, s.vaultFault() == null ? DeviceState.ONLINE : DeviceState.FAULT, s.vaultFault());
    }

    /** Item results and closing accounts: the facts the snapshot does not carry. */
    void show(LineEvent e) {
        if (e instanceof LineEvent.ItemBound b) {
            result(b.itemId(), "OK", "", b.code(), b.number());
        } else if (e instanceof LineEvent.ItemRejected r) {
            result(r.itemId(), "REJECT", r.reason().name(), "", r.number());
        } else if (e instanceof LineEvent.JobClosed c) {
            JobAccount a = c.account();
            set("LastClosedJob/JobId", a.jobId());
            set("LastClosedJob/Printed", count(a.printed()));
            set("LastClosedJob/Bound", count(a.bound()));
            set("LastClosedJob/Rejected", count(a.rejected()));
            set("LastClosedJob/Voided", count(a.voided()));
        }
    }

    /** The open job's packing counts (null: the line packs no cases). */
    void show(io.yima.line.PackingCounts p) {
        io.yima.line.PackingCounts c = p == null ? io.yima.line.PackingCounts.NONE : p;
        set("Packing/CasesPacked", count(c.casesPacked()));
        set("Packing/CasesRejected", count(c.casesRejected()));
        set("Packing/OpenCaseItems", count(c.openCaseItems()));
        set("Packing/PalletsPacked", count(c.palletsPacked()));
        set("Packing/PalletsRejected", count(c.palletsRejected()));
        set("Packing/OpenPalletCases", count(c.openPalletCases()));
    }

    /** A case or pallet result. */
    void showUnit(LineEvent e) {
        if (e instanceof LineEvent.CasePacked p) {
            unit("LastCase", p.caseNumber(), p.caseCode(), p.items(), "PACKED", "", p.number());
        } else if (e instanceof LineEvent.CaseRejected r) {
            unit("LastCase", r.caseNumber(), r.caseCode(), r.items(), "REJECTED", r.reason().name(), r.number());
        } else if (e instanceof LineEvent.PalletPacked p) {
            unit("LastPallet", p.palletNumber(), p.palletCode(), p.cases(), "PACKED", "", p.number());
        } else if (e instanceof LineEvent.PalletRejected r) {
            unit("LastPallet", r.palletNumber(), r.palletCode(), r.cases(), "REJECTED", r.reason().name(),
                    r.number());
        }
    }

    private void unit(String unit, long number, String code, int elements, String result, String reason, long ev) {
        String at = "Packing/" + unit + "/";
        set(at + "Number", number);
        set(at + "ParentElement", nz(code));
        set(at + "PackedElements", count(elements));
        set(at + "Result", result);
        set(at + "Reason", reason);
        set(at + "EventNumber", ev);
    }

    private void result(String item, String result, String reason, String code, long number) {
        set("LastResult/ItemId", item);
        set("LastResult/Result", result);
        set("LastResult/Reason", reason);
        set("LastResult/Code", code);
        set("LastResult/EventNumber", number);
    }

    private void device(Device d, DeviceState state, String reason) {
        set("Devices/" + d + "/State", state.name());
        set("Devices/" + d + "/Reason", state == DeviceState.ONLINE ? "" : nz(reason));
    }

    private void set(String path, Object value) {
        if (!Objects.equals(written.get(path), value)) {
            written.put(path, value);
            variables.get(path).setValue(new DataValue(new Variant(value)));
        }
    }

    static UInteger count(long n) {
        return uint(Math.min(n, 0xFFFF_FFFFL));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private UaObjectNode object(UaObjectNode parent, String id, String name, String description) {
        UaObjectNode o = UaObjectNode.builder(ctx)
                .setNodeId(ns.id(id))
                .setBrowseName(ns.qn(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setTypeDefinition(Identifiers.BaseObjectType)
                .build();
        ctx.getNodeManager().addNode(o);
        parent.addComponent(o);
        return o;
    }

    private void variable(UaObjectNode parent, String name, NodeId type, Object initial, String description) {
        String parentPath = parent == object ? "" : parent.getNodeId().getIdentifier().toString()
                .substring(lineId.length() + 1) + "/";
        String path = parentPath + name;
        UaVariableNode v = UaVariableNode.builder(ctx)
                .setNodeId(ns.id(lineId + "/" + path))
                .setBrowseName(ns.qn(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setDataType(type)
                .setTypeDefinition(Identifiers.BaseDataVariableType)
                .setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY)
                .setMinimumSamplingInterval(100.0)
                .build();
        v.setValue(new DataValue(new Variant(initial)));
        ctx.getNodeManager().addNode(v);
        parent.addComponent(v);
        variables.put(path, v);
        written.put(path, initial);
    }
}
