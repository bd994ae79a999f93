package io.yima.modbus;

/** A request refused before or by the line: a status code and a detail for the MESSAGE field. */
final class ModbusRefusal extends RuntimeException {
    final int code;
    final String detail;

    ModbusRefusal(int code, String detail) {
        super(detail, null, false, false);
        this.code = code;
        this.detail = detail;
    }
}
