package io.yima.config;

import java.time.Duration;
import java.util.List;

/** One production line: a printer, a scanner, a PLC port and how jobs on it are run. */
public record LineConfig(
        String id,
        Long application,
        LineMode mode,
        Printer printer,
        Label label,
        Scanner scanner,
        Plc plc,
        Verify verify,
        Stream stream,
        JobDefaults jobDefaults) {

    public enum LineMode { TRIGGERED, STREAM, PREPRINT }

    public record Printer(String uri, String language, String graphic, Duration statusPoll, Duration statusTimeout,
                          Integer maxBandHeight) {
        public String languageOrDefault() {
            return language == null ? "zpl" : language;
        }

        public String graphicOrDefault() {
            return graphic == null ? "Z64" : graphic;
        }

        public Duration statusPollOrDefault() {
            return statusPoll == null ? Duration.ofSeconds(1) : statusPoll;
        }

        public Duration statusTimeoutOrDefault() {
            return statusTimeout == null ? Duration.ofSeconds(3) : statusTimeout;
        }

        public int maxBandHeightOrDefault() {
            return maxBandHeight == null ? 256 : maxBandHeight;
        }
    }

    public record Label(Double widthMm, Double heightMm, Integer dpi, String symbol, Double sizeMm, Double xMm,
                        Double yMm, Integer quietZone, Boolean humanReadable, List<String> fixedText) {
    }

    public record Scanner(String uri, String noRead, String trigger, Integer maxFrame) {
        public String noReadOrDefault() {
            return noRead == null ? "ERROR" : noRead;
        }

        public int maxFrameOrDefault() {
            return maxFrame == null ? 1024 : maxFrame;
        }
    }

    /**
     * The line's PLC port. {@code takeover}: a second PLC's HELLO replaces the session holding the line (default:
     * refused {@code IN_USE}); {@code allow}: the addresses or networks a PLC may connect from (default: any that
     * can reach {@code bind}); {@code maxConnections}: connections held at once, greeted or not;
     * {@code helloTimeout}: how long a connection may stay without HELLO.
     */
    public record Plc(String bind, Integer port, Duration heartbeat,
                      Boolean takeover,
                      List<String> allow,
                      Integer maxConnections,
                      Duration helloTimeout) {
        public String bindOrDefault() {
            return bind == null ? "127.0.0.1" : bind;
        }

        public boolean takeoverOrDefault() {
            return takeover != null && takeover;
        }

        public List<String> allowOrDefault() {
            return allow == null ? List.of() : allow;
        }

        public int maxConnectionsOrDefault() {
            return maxConnections == null ? 4 : maxConnections;
        }

        public Duration helloTimeoutOrDefault() {
            return helloTimeout == null ? Duration.ofSeconds(10) : helloTimeout;
        }

        public Duration heartbeatOrDefault() {
            return heartbeat == null ? Duration.ofSeconds(2) : heartbeat;
        }
    }

    public record Verify(Duration window, Integer maxInFlight) {
        public Duration windowOrDefault() {
            return window == null ? Duration.ofSeconds(5) : window;
        }

        public int maxInFlightOrDefault() {
            return maxInFlight == null ? 64 : maxInFlight;
        }
    }

    public record Stream(Integer depth) {
        public int depthOrDefault() {
            return depth == null ? 8 : depth;
        }
    }

    /** Job fields the PLC may leave out of START: symbol and the activation product fields. */
    public record JobDefaults(String symbol, String activity, String brand, String title, String ean,
                              String wxaAppid, String wxaPath, Integer wxaType) {
        public static final JobDefaults NONE = new JobDefaults(null, null, null, null, null, null, null, null);
    }

    public LineMode modeOrDefault() {
        return mode == null ? LineMode.TRIGGERED : mode;
    }

    public Verify verifyOrDefault() {
        return verify == null ? new Verify(null, null) : verify;
    }

    public Stream streamOrDefault() {
        return stream == null ? new Stream(null) : stream;
    }

    public JobDefaults jobDefaultsOrDefault() {
        return jobDefaults == null ? JobDefaults.NONE : jobDefaults;
    }
}
