package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ONLINE has no reason; OFFLINE and CONFIG_ERROR always say why. */
class AdapterHealthTest {
    @Test
    void onlyOnlineGoesWithoutAReason() {
        assertThat(AdapterHealth.online()).hasToString("ONLINE");
        assertThat(AdapterHealth.offline("no PLC connected")).hasToString("OFFLINE (no PLC connected)");
        assertThat(AdapterHealth.configError("pki_dir is a file").state()).isEqualTo(AdapterHealth.State.CONFIG_ERROR);
        assertThat(AdapterHealth.offlineIf(null).isOnline()).isTrue();
        assertThat(AdapterHealth.offlineIf("silent").reason()).isEqualTo("silent");
        assertThatThrownBy(() -> AdapterHealth.offline(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdapterHealth(AdapterHealth.State.ONLINE, "why"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
