package io.yima.line.packing;

import io.yima.drivers.printer.PrinterStatus;
import io.yima.drivers.transport.LinkState;
import io.yima.line.DeviceState;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link states of a packing line's case printer and case reader, as their sessions report them (on a Netty
 * event loop) and as the status port reads them (on its own threads): each device's state is one immutable
 * {@link Link} in a volatile field, so a reader never sees a state with another state's reason. Every change is
 * also logged.
 */
public final class CaseLinks {
    private static final Logger log = LoggerFactory.getLogger(CaseLinks.class);

    /** The case devices, named as on the status page and in {@code yima_device_up{device}}. */
    public enum CaseDevice {
        CASE_PRINTER("case printer"), CASE_READER("case reader");

        private final String words;

        CaseDevice(String words) {
            this.words = words;
        }

        /** How logs and /health name it: "case printer". */
        public String words() {
            return words;
        }
    }

    /**
     * One device's link: {@code reason} is null when ONLINE, else why not ("connection refused", the printer's own
     * "head open"); {@code since} when it left ONLINE (null while ONLINE).
     */
    public record Link(DeviceState state, String reason, Instant since) {
    }

    private final String lineId;
    private final Clock clock;
    private volatile Link printer;
    private volatile Link reader;

    public CaseLinks(String lineId, Clock clock) {
        this.lineId = lineId;
        this.clock = clock;
        Instant now = clock.instant();
        this.printer = new Link(DeviceState.OFFLINE, "not connected yet", now);
        this.reader = new Link(DeviceState.OFFLINE, "not connected yet", now);
    }

    /** The device's link now. */
    public Link of(CaseDevice device) {
        return device == CaseDevice.CASE_PRINTER ? printer : reader;
    }

    /** The case printer's session reports; its own status words ("paper out") win over the link's reason. */
    void printerChanged(LinkState state, String reason, PrinterStatus status) {
        String words = status != null && status.detail() != null && !status.detail().isBlank() ? status.detail()
                : reason;
        printer = next(CaseDevice.CASE_PRINTER, printer, state, words);
    }

    void readerChanged(LinkState state, String reason) {
        reader = next(CaseDevice.CASE_READER, reader, state, reason);
    }

    private Link next(CaseDevice device, Link old, LinkState state, String reason) {
        // UNKNOWN (not heard from yet) counts as OFFLINE, as for the item printer and scanner
        DeviceState s = switch (state) {
            case ONLINE -> DeviceState.ONLINE;
            case FAULT -> DeviceState.FAULT;
            default -> DeviceState.OFFLINE;
        };
        if (s == DeviceState.ONLINE) {
            if (old.state() != DeviceState.ONLINE) {
                log.info("line {}: {} online", lineId, device.words());
            }
            return new Link(DeviceState.ONLINE, null, null);
        }
        String why = reason == null ? s.name().toLowerCase() : reason;
        if (old.state() != s || !why.equals(old.reason())) {
            log.warn("line {}: {} {}: {}", lineId, device.words(), s.name().toLowerCase(), why);
        }
        return new Link(s, why, old.state() == DeviceState.ONLINE || old.since() == null ? clock.instant() : old.since());
    }
}
