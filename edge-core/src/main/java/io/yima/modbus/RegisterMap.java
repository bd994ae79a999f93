package io.yima.modbus;

/**
 * The Modbus register block of one line (docs/modbus.md is the PLC programmer's copy of this). Offsets are
 * holding-register offsets from the block's base (0 in server mode, {@code modbus.base} in the PLC in client
 * mode). The PLC writes the PLC area (0–61), the edge writes the edge area (64–166); 62–63 are reserved. Every
 * 32-bit value is two registers, high word first; text is UTF-8, two bytes per register, first byte in the high
 * byte, padded with zero bytes.
 */
public final class RegisterMap {
    private RegisterMap() {
    }

    // PLC area: written by the PLC.
    public static final int PLC_HEARTBEAT = 0;
    public static final int TRIGGER = 1;
    public static final int ITEM = 2;
    public static final int RESULT_ACK = 4;
    public static final int COMMAND = 6;
    public static final int COMMAND_CODE = 7;
    public static final int QUANTITY = 8;
    public static final int MODE = 10;
    public static final int SYMBOL = 11;
    public static final int JOB = 12;
    public static final int SKU = 28;
    public static final int BATCH = 44;
    /** START: the production date the labels carry, YYYYMMDD as a u32 (0: today). Map version 2. */
    public static final int PRODUCTION_DATE = 60;
    public static final int PLC_AREA = 0;
    public static final int PLC_AREA_SIZE = 62;

    // Edge area: written by the edge.
    public static final int EDGE_HEARTBEAT = 64;
    public static final int MAP_VERSION = 65;
    public static final int LINE_STATE = 66;
    public static final int FAULTS = 67;
    public static final int TRIGGER_ECHO = 68;
    public static final int TRIGGER_STATUS = 69;
    public static final int TRIGGER_ITEM = 70;
    public static final int TRIGGER_INDEX = 72;
    public static final int COMMAND_ECHO = 74;
    public static final int COMMAND_STATUS = 75;
    public static final int JOB_QUANTITY = 76;
    public static final int PRINTED = 78;
    public static final int BOUND = 80;
    public static final int REJECTED = 82;
    public static final int VOIDED = 84;
    public static final int CLOSED_PRINTED = 86;
    public static final int CLOSED_BOUND = 88;
    public static final int CLOSED_REJECTED = 90;
    public static final int CLOSED_VOIDED = 92;
    public static final int RESULT_COUNT = 94;
    public static final int RESULTS = 95;
    public static final int RESULT_SLOTS = 8;
    /** One result slot: number (u32), item (u32), result code. */
    public static final int RESULT_SLOT_SIZE = 5;
    public static final int JOB_ID = 135;
    public static final int MESSAGE = 151;
    public static final int EDGE_AREA = 64;
    public static final int EDGE_AREA_SIZE = 103;

    /** Registers in the whole block (0 … 166). */
    public static final int SIZE = EDGE_AREA + EDGE_AREA_SIZE;
    /** Bytes in a text field (16 registers). */
    public static final int TEXT_BYTES = 32;
    /**
     * 2: {@link #PRODUCTION_DATE} (in version 1 offsets 60–61 were reserved and read as 0, i.e. today), and on a
     * line with a packing section command {@link #CMD_CLOSE_CASE} and case results in the result slots (item = the
     * case number, result code 40 packed or 41… refused).
     */
    public static final int VERSION = 2;

    // COMMAND_CODE values.
    public static final int CMD_START = 1;
    public static final int CMD_STOP = 2;
    public static final int CMD_CLOSE = 3;
    /** Map version 2 only: close the open case as it is (the ASCII protocol's CLOSE_CASE). */
    public static final int CMD_CLOSE_CASE = 4;
    /** Map version 2 only: pack the open pallet as it is (the ASCII protocol's CLOSE_PALLET; per_pallet lines). */
    public static final int CMD_CLOSE_PALLET = 5;

    // FAULTS bits.
    public static final int FAULT_PRINTER = 1;
    public static final int FAULT_SCANNER = 1 << 1;
    public static final int FAULT_VAULT = 1 << 2;
    /** More results waited for the PLC's acknowledgement than the edge keeps; the oldest were dropped. */
    public static final int FAULT_RESULTS_DROPPED = 1 << 8;
}
