package io.yima.sim.rig;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How the rig's PLC talks to the edge: the ASCII protocol, or Modbus TCP with the edge as server or as client. */
public enum PlcProtocol {
    ASCII, MODBUS_SERVER, MODBUS_CLIENT;

    /** The command-line word: {@code ascii}, {@code modbus-server}, {@code modbus-client}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static final class Converter implements ITypeConverter<PlcProtocol> {
        @Override
        public PlcProtocol convert(String value) {
            for (PlcProtocol p : values()) {
                if (p.word().equalsIgnoreCase(value)) {
                    return p;
                }
            }
            throw new TypeConversionException("'" + value + "' is not one of ascii, modbus-server, modbus-client");
        }
    }
}
