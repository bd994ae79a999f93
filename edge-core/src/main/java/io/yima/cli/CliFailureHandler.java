package io.yima.cli;

import io.yima.common.UserFacingException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one line on stderr and exit code 1: a technician
 * reads the reason, not a stack trace. {@link UserFacingException}s carry the message verbatim;
 * anything else is a bug and keeps its class name so it can be reported.
 */
public final class CliFailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
        String reason = ex instanceof UserFacingException
                ? ex.getMessage()
                : ex.getClass().getSimpleName() + ": " + ex.getMessage();
        cli.getErr().println("error: " + reason);
        cli.getErr().flush();
        return ex instanceof UserFacingException u ? u.exitCode() : 1;
    }
}
