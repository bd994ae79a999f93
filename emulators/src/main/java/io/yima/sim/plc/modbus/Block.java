package io.yima.sim.plc.modbus;

/**
 * The line's register block as docs/modbus.md lays it out, from the PLC's side (written from the document, not
 * from the edge's code). Offsets from the block start; u32 high word first; text UTF-8, first byte high.
 */
final class Block {
    private Block() {
    }

    static final int SIZE = 167;
    // PLC area (the PLC writes)
    static final int PLC_HEARTBEAT = 0;
    static final int TRIGGER = 1;
    static final int ITEM = 2;
    static final int RESULT_ACK = 4;
    static final int COMMAND = 6;
    static final int COMMAND_CODE = 7;
    static final int QUANTITY = 8;
    static final int MODE = 10;
    static final int SYMBOL = 11;
    static final int JOB = 12;
    static final int SKU = 28;
    static final int BATCH = 44;
    static final int TEXT_WORDS = 16;
    // edge area (the edge writes)
    static final int EDGE = 64;
    static final int EDGE_WORDS = 103;
    static final int MAP_VERSION = 65;
    static final int LINE_STATE = 66;
    static final int FAULTS = 67;
    static final int TRIGGER_ECHO = 68;
    static final int TRIGGER_STATUS = 69;
    static final int TRIGGER_ITEM = 70;
    static final int TRIGGER_INDEX = 72;
    static final int COMMAND_ECHO = 74;
    static final int COMMAND_STATUS = 75;
    static final int CLOSED_PRINTED = 86;
    static final int RESULT_COUNT = 94;
    static final int RESULTS = 95;
    static final int JOB_ID_OFFSET = 135;
    static final int MESSAGE = 151;

    static final String[] REJECTS = {"NO_READ", "MISMATCH", "DUPLICATE", "FOREIGN", "TIMEOUT", "PRINTER_FAULT",
            "VOIDED"};

    /** A status or result code in the protocol's words (docs/modbus.md, "Status and result codes"). */
    static String word(int code) {
        return switch (code) {
            case 1 -> "OK";
            case 10 -> "BAD_FIELD";
            case 11 -> "NO_JOB";
            case 12 -> "JOB_OPEN";
            case 13 -> "JOB_STOPPED";
            case 14 -> "JOB_CLOSED";
            case 15 -> "OUT_OF_CODES";
            case 16 -> "PAUSED";
            case 17 -> "BUSY";
            case 18 -> "WRONG_MODE";
            case 19 -> "QUANTITY_REACHED";
            case 20 -> "VAULT";
            case 21 -> "SHUTTING_DOWN";
            case 22 -> "INTERNAL";
            case 23 -> "UNKNOWN_COMMAND";
            case 24 -> "NO_ANSWER";
            case 26 -> "JOB_ON_OTHER_LINE";
            default -> code >= 30 && code < 30 + REJECTS.length ? REJECTS[code - 30] : "CODE_" + code;
        };
    }

    /** A u32 read from an edge-area copy that starts at offset {@link #EDGE}. */
    static long u32(int[] edge, int offset) {
        return ((long) edge[offset - EDGE] << 16) | edge[offset - EDGE + 1];
    }

    static int[] u32Words(long v) {
        return new int[] {(int) (v >>> 16) & 0xFFFF, (int) v & 0xFFFF};
    }

    static int[] text(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length > 2 * TEXT_WORDS) {
            throw new IllegalArgumentException("'" + s + "' is longer than 32 bytes of UTF-8");
        }
        int[] w = new int[TEXT_WORDS];
        for (int i = 0; i < b.length; i++) {
            w[i / 2] |= (b[i] & 0xFF) << (i % 2 == 0 ? 8 : 0);
        }
        return w;
    }

    static String text(int[] edge, int offset) {
        byte[] b = new byte[2 * TEXT_WORDS];
        int n = 0;
        for (int i = 0; i < 2 * TEXT_WORDS; i++) {
            int v = edge[offset - EDGE + i / 2] >> (i % 2 == 0 ? 8 : 0) & 0xFF;
            if (v == 0) {
                break;
            }
            b[n++] = (byte) v;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
