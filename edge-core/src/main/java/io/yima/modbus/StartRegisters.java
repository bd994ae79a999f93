package io.yima.modbus;

import static io.yima.modbus.RegisterMap.BATCH;
import static io.yima.modbus.RegisterMap.JOB;
import static io.yima.modbus.RegisterMap.MODE;
import static io.yima.modbus.RegisterMap.PRODUCTION_DATE;
import static io.yima.modbus.RegisterMap.QUANTITY;
import static io.yima.modbus.RegisterMap.SKU;
import static io.yima.modbus.RegisterMap.SYMBOL;
import static io.yima.modbus.RegisterMap.TEXT_BYTES;

import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.line.JobOrder;
import io.yima.line.Refusal;
import java.time.DateTimeException;
import java.time.LocalDate;

/** START's registers (docs/modbus.md offsets 8–61) decoded into a typed {@link JobOrder}, every field bounded. */
final class StartRegisters {
    private static final int MAX_QUANTITY = 10_000_000;

    private StartRegisters() {
    }

    /** START's registers as a typed job order; a bad field is refused BAD_FIELD naming it. */
    static JobOrder order(int[] p) {
        String job = field(p, JOB, "job");
        if (!job.matches("[A-Za-z0-9._:-]{1,32}")) {
            throw new ModbusRefusal(StatusCodes.refusal(Refusal.BAD_FIELD), "BAD_FIELD: job");
        }
        String sku = field(p, SKU, "sku");
        String batch = field(p, BATCH, "batch");
        long qty = Registers.u32(p, QUANTITY);
        if (qty < 1 || qty > MAX_QUANTITY) {
            throw new ModbusRefusal(StatusCodes.refusal(Refusal.BAD_FIELD), "BAD_FIELD: quantity");
        }
        LineMode mode = switch (p[MODE]) {
            case 0 -> null;
            case 1 -> LineMode.TRIGGERED;
            case 2 -> LineMode.STREAM;
            case 3 -> LineMode.PREPRINT;
            default -> throw new ModbusRefusal(StatusCodes.refusal(Refusal.BAD_FIELD), "BAD_FIELD: mode");
        };
        Symbology symbol = switch (p[SYMBOL]) {
            case 0 -> null;
            case 1 -> Symbology.QR;
            case 2 -> Symbology.MICROCODE;
            default -> throw new ModbusRefusal(StatusCodes.refusal(Refusal.BAD_FIELD), "BAD_FIELD: symbol");
        };
        return new JobOrder(job, sku, batch, (int) qty, symbol, mode, null, null, productionDate(p));
    }

    /** {@code PRODUCTION_DATE} as YYYYMMDD (e.g. 20261206, a DINT a PLC builds from its date words); 0 is none. */
    private static LocalDate productionDate(int[] p) {
        long v = Registers.u32(p, PRODUCTION_DATE);
        if (v == 0) {
            return null;
        }
        if (v < 1000_01_01L || v > 9999_12_31L) {
            throw new ModbusRefusal(StatusCodes.refusal(Refusal.BAD_FIELD),
                    "BAD_FIELD: date not YYYYMMDD");
        }
        try {
            return LocalDate.of((int) (v / 10000), (int) (v / 100 % 100), (int) (v % 100));
        } catch (DateTimeException e) {
            throw new ModbusRefusal(StatusCodes.refusal(Refusal.BAD_FIELD),
                    "BAD_FIELD: date not in calendar");
        }
    }

    private static String field(int[] p, int at, String name) {
        String v = Registers.text(p, at, TEXT_BYTES);
        if (v == null) {
            throw new ModbusRefusal(StatusCodes.refusal(Refusal.BAD_FIELD), "BAD_FIELD: " + name + " is not UTF-8 text");
        }
        if (v.isBlank()) {
            throw new ModbusRefusal(StatusCodes.refusal(Refusal.BAD_FIELD), "BAD_FIELD: " + name + " is empty");
        }
        return v;
    }
}
