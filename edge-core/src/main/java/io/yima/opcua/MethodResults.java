package io.yima.opcua;

import io.yima.line.LineAnswer;
import io.yima.line.LineCalls;
import io.yima.line.LineRefusal;
import io.yima.line.Refusal;
import io.yima.line.ReworkRefused;
import io.yima.vault.PackRefusal;
import java.util.function.Function;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DiagnosticInfo;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;

/**
 * How a method's outcome reaches the client: a status code a generic client understands and, in the output
 * arguments, {@code Result} ({@code OK} or the line's refusal word, the same as the ASCII protocol's NAK reasons)
 * and {@code Message} (the detail, for people). The table is in docs/opcua.md ("Methods").
 */
final class MethodResults {
    private MethodResults() {
    }

    static StatusCode status(Refusal r) {
        long code = switch (r) {
            case BAD_FIELD -> StatusCodes.Bad_InvalidArgument;
            case NO_JOB, JOB_OPEN, JOB_ON_OTHER_LINE, JOB_STOPPED, JOB_CLOSED, WRONG_MODE, QUANTITY_REACHED, PAUSED ->
                    StatusCodes.Bad_InvalidState;
            case OUT_OF_CODES -> StatusCodes.Bad_ResourceUnavailable;
            case BUSY -> StatusCodes.Bad_TooManyOperations;
            case VAULT -> StatusCodes.Bad_OutOfService;
            case SHUTTING_DOWN -> StatusCodes.Bad_Shutdown;
            case INTERNAL -> StatusCodes.Bad_InternalError;
            case STALE -> StatusCodes.Bad_Timeout; // a PRINT's refusal; the job methods never get it
        };
        return new StatusCode(code);
    }

    static CallMethodResult ok(Variant... outputs) {
        return new CallMethodResult(StatusCode.GOOD, new StatusCode[0], new DiagnosticInfo[0], outputs);
    }

    /** A refused call: the status, and {@code Result}, {@code Message} then {@code blanks} as outputs. */
    static CallMethodResult refused(StatusCode status, String result, String message, Variant... blanks) {
        Variant[] out = new Variant[2 + blanks.length];
        out[0] = new Variant(result);
        out[1] = new Variant(message);
        System.arraycopy(blanks, 0, out, 2, blanks.length);
        return new CallMethodResult(status, new StatusCode[0], new DiagnosticInfo[0], out);
    }

    /** A line's answer as the call's result: {@code done} with the value when it was done, else refused. */
    static <T> CallMethodResult of(LineAnswer<T> answer, Function<T, CallMethodResult> done, Variant... blanks) {
        if (answer instanceof LineAnswer.Done<T> d) {
            return done.apply(d.value());
        }
        if (answer instanceof LineAnswer.Refused<T> r) {
            return failed(r.refusal(), blanks);
        }
        if (answer instanceof LineAnswer.TimedOut<T>) {
            return failed(new TimeoutException(), blanks);
        }
        return failed(((LineAnswer.Failed<T>) answer).cause(), blanks);
    }

    /** A failed line command as a refused call. */
    static CallMethodResult failed(Throwable error, Variant... blanks) {
        Throwable e = LineCalls.cause(error);
        if (e instanceof LineRefusal r) {
            return refused(status(r.reason()), r.reason().name(), r.detail() == null ? "" : r.detail(), blanks);
        }
        if (e instanceof ReworkRefused r) {
            // the vault's refusal of a rework: the same reason words as the CLI, the status port and the PLC
            long code = r.reason() == PackRefusal.UNKNOWN_UNIT ? StatusCodes.Bad_NotFound : StatusCodes.Bad_InvalidState;
            return refused(new StatusCode(code), r.reason().name(), r.detail(), blanks);
        }
        if (e instanceof TimeoutException) {
            return refused(new StatusCode(StatusCodes.Bad_Timeout), "TIMEOUT",
                    "the line did not answer in time; read the Job and State variables before calling again", blanks);
        }
        return refused(new StatusCode(StatusCodes.Bad_InternalError), "INTERNAL", "the edge could not do it (see its log)",
                blanks);
    }
}
