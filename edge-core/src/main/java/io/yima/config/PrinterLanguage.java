package io.yima.config;

/** {@code lines[].printer.language}: the command language the printer speaks. */
public enum PrinterLanguage {
    ESCPOS("escpos"),
    TSPL("tspl"),
    ZPL("zpl");

    private final String configName;

    PrinterLanguage(String configName) {
        this.configName = configName;
    }

    /** As written in the config ({@code zpl}). */
    public String configName() {
        return configName;
    }
}
