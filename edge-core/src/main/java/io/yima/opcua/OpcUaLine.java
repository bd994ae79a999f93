package io.yima.opcua;

import io.yima.line.LineCommands;
import io.yima.line.LineSnapshot;
import java.util.function.Supplier;

/** What the OPC UA server needs of one line: its typed commands and events, and its published snapshot. */
public record OpcUaLine(LineCommands commands, Supplier<LineSnapshot> snapshot) {
}
