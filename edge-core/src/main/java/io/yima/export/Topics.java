package io.yima.export;

/**
 * The export's MQTT topics: {@code PREFIX/SITE/EDGE/LINE/events} (the EPCIS events of a line, in order),
 * {@code PREFIX/SITE/EDGE/LINE/state} (retained: the line's state) and {@code PREFIX/SITE/EDGE/state} (retained:
 * {@code online} / {@code offline}, the last will). Events that belong to no line go to line {@code _edge}.
 */
record Topics(String prefix, String site, String edge) {
    static final String NO_LINE = "_edge";

    static Topics of(ExportConfig.Mqtt c) {
        return new Topics(c.topicPrefix(), c.site(), c.edge());
    }

    String events(String line) {
        return base() + "/" + (line == null ? NO_LINE : line) + "/events";
    }

    String lineState(String line) {
        return base() + "/" + line + "/state";
    }

    String edgeState() {
        return base() + "/state";
    }

    private String base() {
        return prefix + "/" + site + "/" + edge;
    }
}
