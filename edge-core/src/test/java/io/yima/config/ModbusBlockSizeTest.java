package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.modbus.RegisterMap;
import org.junit.jupiter.api.Test;

/** The config's check of {@code modbus.base} uses the register map's size without importing the modbus adapter. */
class ModbusBlockSizeTest {
    @Test
    void theConfigsBlockSizeIsTheRegisterMapsSize() {
        assertThat(ConfigValidator.MODBUS_BLOCK).isEqualTo(RegisterMap.SIZE);
    }
}
