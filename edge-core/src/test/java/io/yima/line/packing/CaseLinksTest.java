package io.yima.line.packing;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.drivers.printer.Health;
import io.yima.drivers.printer.PrinterStatus;
import io.yima.drivers.transport.LinkState;
import io.yima.line.DeviceState;
import io.yima.line.packing.CaseLinks.CaseDevice;
import io.yima.line.packing.CaseLinks.Link;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The case printer's and case reader's link states as their sessions report them, with a clock the test moves. */
class CaseLinksTest {
    /** A clock that stands still until the test moves it. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-07T01:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        Instant advance(long seconds) {
            now = now.plusSeconds(seconds);
            return now;
        }
    }

    final HandClock clock = new HandClock();
    final Instant start = clock.now;
    final CaseLinks links = new CaseLinks("line-1", clock);

    @Test
    void bothDevicesAreOfflineUntilTheirSessionsReportSinceTheLinesStart() {
        assertThat(links.of(CaseDevice.CASE_PRINTER)).isEqualTo(new Link(DeviceState.OFFLINE, "not connected yet", start));
        assertThat(links.of(CaseDevice.CASE_READER)).isEqualTo(new Link(DeviceState.OFFLINE, "not connected yet", start));
        assertThat(CaseDevice.CASE_PRINTER.words()).isEqualTo("case printer");
        assertThat(CaseDevice.CASE_READER.words()).isEqualTo("case reader");
    }

    @Test
    void anOnlineDeviceHasNoReasonAndNoSince() {
        clock.advance(5);
        links.printerChanged(LinkState.ONLINE, "ignored", null);

        assertThat(links.of(CaseDevice.CASE_PRINTER)).isEqualTo(new Link(DeviceState.ONLINE, null, null));
        assertThat(links.of(CaseDevice.CASE_READER)).as("the other device is its own")
                .isEqualTo(new Link(DeviceState.OFFLINE, "not connected yet", start));
    }

    @Test
    void leavingOnlineStampsWhenAndStayingDownKeepsTheFirstStamp() {
        links.readerChanged(LinkState.ONLINE, null);
        Instant lost = clock.advance(10);
        links.readerChanged(LinkState.OFFLINE, "connection refused");
        assertThat(links.of(CaseDevice.CASE_READER)).isEqualTo(new Link(DeviceState.OFFLINE, "connection refused", lost));

        clock.advance(10);
        links.readerChanged(LinkState.FAULT, "reader reports an error");
        assertThat(links.of(CaseDevice.CASE_READER))
                .as("still down: the change of state or reason keeps when it left ONLINE")
                .isEqualTo(new Link(DeviceState.FAULT, "reader reports an error", lost));

        clock.advance(10);
        links.readerChanged(LinkState.UNKNOWN, null);
        assertThat(links.of(CaseDevice.CASE_READER)).as("not heard from counts as offline, named by its state")
                .isEqualTo(new Link(DeviceState.OFFLINE, "offline", lost));

        links.readerChanged(LinkState.FAULT, null);
        assertThat(links.of(CaseDevice.CASE_READER).reason()).isEqualTo("fault");
        assertThat(links.of(CaseDevice.CASE_PRINTER).since()).isEqualTo(start);
    }

    @Test
    void thePrintersOwnWordsWinOverTheLinksReasonWhenItSaysSomething() {
        links.printerChanged(LinkState.ONLINE, null, null);
        Instant fault = clock.advance(3);

        links.printerChanged(LinkState.FAULT, "printer reports a fault",
                new PrinterStatus(Health.FAULT, Set.of(), null, "head open"));
        assertThat(links.of(CaseDevice.CASE_PRINTER)).isEqualTo(new Link(DeviceState.FAULT, "head open", fault));

        links.printerChanged(LinkState.FAULT, "printer reports a fault",
                new PrinterStatus(Health.FAULT, Set.of(), null, "  "));
        assertThat(links.of(CaseDevice.CASE_PRINTER).reason()).as("blank words say nothing")
                .isEqualTo("printer reports a fault");

        links.printerChanged(LinkState.FAULT, "printer reports a fault",
                new PrinterStatus(Health.FAULT, Set.of(), null, null));
        assertThat(links.of(CaseDevice.CASE_PRINTER).reason()).isEqualTo("printer reports a fault");

        links.printerChanged(LinkState.OFFLINE, "connection reset", null);
        assertThat(links.of(CaseDevice.CASE_PRINTER)).isEqualTo(new Link(DeviceState.OFFLINE, "connection reset", fault));
    }
}
