package io.yima.sim.printer;

/** Status requests a host can send; the printer answers them from its current state. */
enum StatusQuery {
    ZPL_HOST_STATUS, ZPL_HOST_QUERY_ES, DLE_EOT_1, DLE_EOT_2, DLE_EOT_3, DLE_EOT_4,
    /** TSPL {@code <ESC>!?}: one status byte. */
    TSPL_STATUS_BYTE,
    /** TSPL {@code <ESC>!S}: four status bytes between STX and ETX. */
    TSPL_STATUS_EXTENDED
}
