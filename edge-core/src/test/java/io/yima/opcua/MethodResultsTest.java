package io.yima.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.line.LineRefusal;
import io.yima.line.Refusal;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.junit.jupiter.api.Test;

/** A refusal reaches the client as a status code and the line's own word, as docs/opcua.md's table says. */
class MethodResultsTest {
    @Test
    void everyRefusalHasABadStatusAndStateRefusalsAreInvalidState() {
        for (Refusal r : Refusal.values()) {
            assertThat(MethodResults.status(r).isBad()).as("%s", r).isTrue();
        }
        assertThat(MethodResults.status(Refusal.JOB_OPEN).getValue()).isEqualTo(StatusCodes.Bad_InvalidState);
        assertThat(MethodResults.status(Refusal.NO_JOB).getValue()).isEqualTo(StatusCodes.Bad_InvalidState);
        assertThat(MethodResults.status(Refusal.BAD_FIELD).getValue()).isEqualTo(StatusCodes.Bad_InvalidArgument);
        assertThat(MethodResults.status(Refusal.OUT_OF_CODES).getValue())
                .isEqualTo(StatusCodes.Bad_ResourceUnavailable);
        assertThat(MethodResults.status(Refusal.VAULT).getValue()).isEqualTo(StatusCodes.Bad_OutOfService);
    }

    @Test
    void aLineRefusalCarriesItsWordAndDetailAndATimeoutSaysWhatToCheck() {
        CallMethodResult r = MethodResults.failed(new CompletionException(new LineRefusal(Refusal.JOB_OPEN, "J-7")),
                new Variant(""));
        assertThat(r.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidState);
        assertThat(Arrays.stream(r.getOutputArguments()).map(Variant::getValue)).containsExactly("JOB_OPEN", "J-7", "");
        CallMethodResult t = MethodResults.failed(new TimeoutException());
        assertThat(t.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_Timeout);
        assertThat(t.getOutputArguments()[0].getValue()).isEqualTo("TIMEOUT");
        CallMethodResult other = MethodResults.failed(new IllegalStateException("java.lang.Boom at x.y"));
        assertThat(other.getOutputArguments()[1].getValue().toString()).doesNotContain("java.", "Boom");
    }
}
