package io.yima.line;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's link (printer, scanner, vault) as the line sees it: ONLINE, OFFLINE or FAULT and the reason shown
 * to people. A device that is not ONLINE pauses the line; listeners hear {@link LineEvent.DeviceFault} when it
 * goes and {@link LineEvent.DeviceCleared} when it comes back — but cleared only after a fault they heard, not
 * for the first connection at start-up.
 */
final class DeviceLink {
    private static final Logger log = LoggerFactory.getLogger(DeviceLink.class);

    private final String lineId;
    private final Device device;
    private DeviceState link = DeviceState.OFFLINE;
    private String fault;
    private boolean faultAnnounced;

    /** {@code initialFault} is null for a device whose absence at start-up must not hold the line. */
    DeviceLink(String lineId, Device device, DeviceState initial, String initialFault) {
        this.lineId = lineId;
        this.device = device;
        this.link = initial;
        this.fault = initialFault;
    }

    /** Records a link change; true when the device just came back, so dispatch may resume. */
    boolean update(DeviceState newLink, String reason, LineEvents events) {
        boolean was = fault != null;
        link = newLink;
        fault = newLink == DeviceState.ONLINE ? null : (reason == null ? newLink.name() : reason);
        if (fault != null && !was) {
            log.warn("line {}: {} {}: {}", lineId, device, newLink, fault);
            String why = fault;
            events.emit(n -> new LineEvent.DeviceFault(n, device, why));
            faultAnnounced = true;
            return false;
        }
        if (fault == null && was) {
            if (faultAnnounced) {
                log.info("line {}: {} back online", lineId, device);
                events.emit(n -> new LineEvent.DeviceCleared(n, device));
                faultAnnounced = false;
            } else {
                log.info("line {}: {} connected", lineId, device); // first connection since start: no fault was told
            }
            return true;
        }
        return false;
    }

    DeviceState link() {
        return link;
    }

    /** What is wrong with the device, or null when it is ONLINE. */
    String fault() {
        return fault;
    }
}
