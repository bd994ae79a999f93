package io.yima.plc;

/** The line's view of a connected PLC: somewhere to send events. */
public interface PlcLink {
    void send(PlcMessage message);
}
