package io.yima.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The users file: one {@code name:password} per line; errors say where, never what a password is. */
class OpcUaUsersTest {
    @Test
    void listedUsersLogInWithTheirOwnPasswordOnly() {
        OpcUaUsers u = OpcUaUsers.parse("# MES and the line HMI\nmes:first-secret\n\nhmi:second:secret\n", "users");
        assertThat(u.size()).isEqualTo(2);
        assertThat(u.accepts("mes", "first-secret")).isTrue();
        assertThat(u.accepts("hmi", "second:secret")).as("a colon belongs to the password").isTrue();
        assertThat(u.accepts("mes", "second:secret")).isFalse();
        assertThat(u.accepts("mes", "first-secret ")).isFalse();
        assertThat(u.accepts("nobody", "first-secret")).isFalse();
        assertThat(u.accepts(null, null)).isFalse();
        assertThat(u.toString()).doesNotContain("secret");
    }

    @Test
    void aBadLineIsNamedByNumberWithoutQuotingIt() {
        assertThatThrownBy(() -> OpcUaUsers.parse("mes:first-secret\nhmi-without-password\n", "/etc/ua.users"))
                .hasMessage("opcua.users_file: /etc/ua.users line 2: expected name:password");
        assertThatThrownBy(() -> OpcUaUsers.parse("mes:tiny\n", "f"))
                .hasMessage("opcua.users_file: f line 1: a password has 8 to 256 characters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tiny"));
        assertThatThrownBy(() -> OpcUaUsers.parse("mes:first-secret\nmes:other-secret\n", "f"))
                .hasMessage("opcua.users_file: f line 2: user mes is listed twice");
        assertThatThrownBy(() -> OpcUaUsers.parse("m e:first-secret\n", "f"))
                .hasMessageStartingWith("opcua.users_file: f line 1: a user name is");
        assertThatThrownBy(() -> OpcUaUsers.parse("# nobody\n", "f")).hasMessage("opcua.users_file: f lists no user");
    }
}
