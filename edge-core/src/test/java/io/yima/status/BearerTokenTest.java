package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    private static final String A = "aaaaaaaaaaaaaaaa-1";
    private static final String B = "bbbbbbbbbbbbbbbb-2";

    @Test
    void namedTokensTellWhoseTokenItIs() {
        BearerToken t = BearerToken.parse("# comment\r\nwang.wei:" + A + "\r\n  王 伟 : " + B + "  \n", "f");
        assertThat(t.holder("Bearer " + A)).hasValue("wang.wei");
        assertThat(t.holder("Bearer " + B)).hasValue("王 伟");
        assertThat(t.holder("Bearer " + A + "x")).isEmpty();
        assertThat(t.holder("Bearer wang.wei:" + A)).isEmpty();
        assertThat(t.holder(A)).isEmpty();
    }

    @Test
    void aSingleLineWithoutANameIsTheOlderFormItsHolderTheTokenHolder() {
        BearerToken t = BearerToken.parse("\n  " + A + "\n\n", "f");
        assertThat(t.holder("Bearer " + A)).hasValue(BearerToken.SINGLE_HOLDER);
    }

    @Test
    void mistakesNameTheFileAndLineAndNeverShowAToken() {
        assertThatThrownBy(() -> BearerToken.parse("a:" + A + "\n" + B + "\n", "/etc/t"))
                .hasMessage("status.token_file: /etc/t line 2: expected name:token (a name of letters, digits,"
                        + " space . _ - and a token of at least 16 characters)");
        assertThatThrownBy(() -> BearerToken.parse("a:" + A + "\na:" + B, "/etc/t"))
                .hasMessageContaining("line 2: the name 'a' is given twice").hasMessageNotContaining(B);
        assertThatThrownBy(() -> BearerToken.parse("a:" + A + "\nb:" + A, "/etc/t"))
                .hasMessageContaining("line 2: this token is also given to another name")
                .hasMessageNotContaining(A);
        assertThatThrownBy(() -> BearerToken.parse("# only a comment\n", "/etc/t"))
                .hasMessage("status.token_file: /etc/t holds no token");
        assertThatThrownBy(() -> BearerToken.parse("short-token", "/etc/t"))
                .hasMessage("status.token_file: /etc/t line 1 must hold a token of at least 16 characters");
    }
}
