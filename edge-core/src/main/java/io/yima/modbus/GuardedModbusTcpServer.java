package io.yima.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.MbapHeader;
import com.digitalpetri.modbus.ModbusTcpFrame;
import com.digitalpetri.modbus.server.ModbusRequestContext.ModbusTcpRequestContext;
import com.digitalpetri.modbus.server.ModbusServerConfig;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ModbusTcpServerTransport;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The library's Modbus TCP server with every request answered: a function the edge does not offer (anything but
 * 3, 6, 16, 23 — a scanner's 43 "read device identification", a diagnostic 8) gets exception 1, ILLEGAL
 * FUNCTION, and a request of an offered function that does not decode gets exception 3, ILLEGAL DATA VALUE. The
 * connection stays open and the refusal goes to {@link Refusals} (counted, logged at a bounded rate): the library
 * alone would close the connection and log a stack trace at ERROR for each such probe.
 */
final class GuardedModbusTcpServer extends ModbusTcpServer {
    static final Set<Integer> OFFERED = Set.of(3, 6, 16, 23);

    /** Where refused requests go: {@code reason} is a fixed word for the metrics, {@code detail} for the log. */
    interface Refusals {
        void refused(ModbusTcpRequestContext context, String reason, String detail);
    }

    private final Refusals refusals;

    GuardedModbusTcpServer(ModbusTcpServerTransport transport, ModbusServices services, Refusals refusals) {
        super(ModbusServerConfig.create(b -> { }), transport, services);
        this.refusals = refusals;
    }

    @Override
    protected ModbusTcpFrame handleModbusTcpFrame(ModbusTcpFrame frame, ModbusTcpRequestContext context) {
        ByteBuffer pdu = frame.pdu();
        int function = pdu.get(pdu.position()) & 0xFF; // the codec lets no frame without a PDU byte through
        if (!OFFERED.contains(function)) {
            refusals.refused(context, "illegal_function", "function " + function
                    + " is not offered (only 3, 6, 16, 23); answered exception 1");
            return exception(frame.header(), function, ExceptionCode.ILLEGAL_FUNCTION);
        }
        try {
            return super.handleModbusTcpFrame(frame, context);
        } catch (Exception e) { // too short, or byte count and quantity disagree
            refusals.refused(context, "bad_request", "function " + function + " request does not decode; answered"
                    + " exception 3");
            return exception(frame.header(), function, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
    }

    private static ModbusTcpFrame exception(MbapHeader request, int function, ExceptionCode code) {
        ByteBuffer pdu = ByteBuffer.allocate(2).put((byte) (function | 0x80)).put((byte) code.getCode()).flip();
        return new ModbusTcpFrame(new MbapHeader(request.transactionId(), 0, 3, request.unitId()), pdu);
    }
}
