package io.yima.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressAllowListTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void singleAddressesAndNetworksAreAllowedAndNothingElse() throws Exception {
        AddressAllowList allow = AddressAllowList.parse(List.of("10.0.0.5", "192.168.7.0/24", "fd00::/64"));
        assertThat(allow.allows(ip("10.0.0.5"))).isTrue();
        assertThat(allow.allows(ip("10.0.0.6"))).isFalse();
        assertThat(allow.allows(ip("192.168.7.200"))).isTrue();
        assertThat(allow.allows(ip("192.168.8.1"))).isFalse();
        assertThat(allow.allows(ip("fd00::1234"))).isTrue();
        assertThat(allow.allows(ip("fd00:0:0:1::1"))).isFalse();
        assertThat(allow.allows(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void prefixesThatCutABytePartwayMatchOnlyTheirBits() throws Exception {
        AddressAllowList allow = AddressAllowList.parse(List.of("10.0.0.16/28"));
        assertThat(allow.allows(ip("10.0.0.16"))).isTrue();
        assertThat(allow.allows(ip("10.0.0.31"))).isTrue();
        assertThat(allow.allows(ip("10.0.0.32"))).isFalse();
        assertThat(allow.allows(ip("10.0.0.15"))).isFalse();
    }

    @Test
    void anEmptyListAllowsEveryone() throws Exception {
        assertThat(AddressAllowList.parse(List.of()).allows(ip("203.0.113.9"))).isTrue();
        assertThat(AddressAllowList.parse(null).allowsEveryone()).isTrue();
    }

    @Test
    void badEntriesAreNamedAndHostNamesAreRefusedNotLookedUp() {
        assertThat(AddressAllowList.problem("10.0.0.0/33")).isEqualTo("'10.0.0.0/33': the prefix after '/' must be 0 to 32");
        assertThat(AddressAllowList.problem("10.0.0.256")).contains("is not an IP address or network");
        assertThat(AddressAllowList.problem("plc.local")).contains("is not an IP address or network");
        assertThat(AddressAllowList.problem(" ")).startsWith("an empty entry");
        assertThatThrownBy(() -> AddressAllowList.parse(List.of("10.0.0.5", "nope")))
                .hasMessage("'nope' is not an IP address or network (like 10.0.0.5 or 10.0.0.0/24)");
    }
}
