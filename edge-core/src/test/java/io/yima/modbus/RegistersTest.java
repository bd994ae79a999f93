package io.yima.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Words as docs/modbus.md lays them out: u32 high word first, text UTF-8 with the first byte high. */
class RegistersTest {

    @Test
    void aU32IsHighWordFirst() {
        int[] r = new int[2];
        Registers.putU32(r, 0, 70_000); // docs/modbus.md: 70000 = 0x0001, 0x1170
        assertThat(r).containsExactly(0x0001, 0x1170);
        assertThat(Registers.u32(r, 0)).isEqualTo(70_000);
        Registers.putU32(r, 0, 0xFFFF_FFFFL);
        assertThat(Registers.u32(r, 0)).isEqualTo(4_294_967_295L);
    }

    @Test
    void textPutsTheFirstByteHighAndPadsWithZero() {
        int[] r = new int[16];
        Registers.putText(r, 0, 32, "SKU");
        assertThat(r[0]).isEqualTo('S' << 8 | 'K');
        assertThat(r[1]).isEqualTo('U' << 8);
        assertThat(r[2]).isZero();
        assertThat(Registers.text(r, 0, 32)).isEqualTo("SKU");
    }

    @Test
    void chineseTextRoundTripsAndALongTextIsCutAtACharacterBoundary() {
        int[] r = new int[16];
        Registers.putText(r, 0, 32, "绿茶二五零克");
        assertThat(Registers.text(r, 0, 32)).isEqualTo("绿茶二五零克");
        Registers.putText(r, 0, 32, "一二三四五六七八九十甲乙"); // 36 bytes: the 11th character does not fit whole
        assertThat(Registers.text(r, 0, 32)).isEqualTo("一二三四五六七八九十");
    }

    @Test
    void textThatIsNotUtf8OrHoldsAControlCharacterIsRefused() {
        int[] r = new int[16];
        r[0] = 0xC3_28; // an invalid UTF-8 sequence
        assertThat(Registers.text(r, 0, 32)).isNull();
        r[0] = 'A' << 8 | 0x1B; // ESC
        assertThat(Registers.text(r, 0, 32)).isNull();
    }

    @Test
    void resultNumbersCompareAsSerialNumbersAcrossTheWrap() {
        assertThat(Registers.after(5, 4)).isTrue();
        assertThat(Registers.after(4, 5)).isFalse();
        assertThat(Registers.after(4, 4)).isFalse();
        assertThat(Registers.after(2, 0xFFFF_FFFEL)).as("2 comes after 4294967294").isTrue();
    }

    @Test
    void aResultNamesTheNumberItsItemEndsIn() {
        assertThat(ModbusHandshake.itemNumber("17")).isEqualTo(17);
        assertThat(ModbusHandshake.itemNumber("J1#42")).isEqualTo(42);
        assertThat(ModbusHandshake.itemNumber("pack-5")).isEqualTo(5);
        assertThat(ModbusHandshake.itemNumber("item-x")).isZero();
        assertThat(ModbusHandshake.itemNumber("99999999999")).isZero();
    }
}
