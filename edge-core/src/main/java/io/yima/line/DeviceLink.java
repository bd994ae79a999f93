package io.yima.line;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's link (printer or scanner) as the line sees it: ONLINE, OFFLINE or FAULT and the reason shown to
 * people. A device that is not ONLINE pauses the line; the PLC hears FAULT when it goes and CLEARED when it
 * comes back — but CLEARED only after a FAULT it heard, not for the first connection at start-up.
 */
final class DeviceLink {
    private static final Logger log = LoggerFactory.getLogger(DeviceLink.class);

    private final String lineId;
    private final String device;
    private String link = "OFFLINE";
    private String fault;
    private boolean faultAnnounced;

    /** {@code initialFault} is null for a device whose absence at start-up must not hold the line. */
    DeviceLink(String lineId, String device, String initialFault) {
        this.lineId = lineId;
        this.device = device;
        this.fault = initialFault;
    }

    /** Records a link change; true when the device just came back, so dispatch may resume. */
    boolean update(String newLink, String reason, EventJournal journal) {
        boolean was = fault != null;
        link = newLink;
        fault = "ONLINE".equals(newLink) ? null : (reason == null ? newLink : reason);
        if (fault != null && !was) {
            log.warn("line {}: {} {}: {}", lineId, device, newLink, fault);
            journal.emit("FAULT", device, fault);
            faultAnnounced = true;
            return false;
        }
        if (fault == null && was) {
            log.info("line {}: {} back online", lineId, device);
            if (faultAnnounced) {
                journal.emit("CLEARED", device);
                faultAnnounced = false;
            }
            return true;
        }
        return false;
    }

    String link() {
        return link;
    }

    /** What is wrong with the device, or null when it is ONLINE. */
    String fault() {
        return fault;
    }
}
