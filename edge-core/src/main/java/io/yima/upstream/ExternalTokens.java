package io.yima.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Third-party mode: the authorizer's token is maintained by someone else (the service provider's platform),
 * and handed over in a file or printed by a command. A file is re-read when it changes; a command is re-run
 * when the API rejects the token it printed.
 */
public final class ExternalTokens implements TokenSource {
    private final Path file;
    private final String command;
    private String current;
    private FileTime readAt;

    private ExternalTokens(Path file, String command) {
        this.file = file;
        this.command = command;
    }

    public static ExternalTokens fromFile(Path file) {
        return new ExternalTokens(file, null);
    }

    public static ExternalTokens fromCommand(String command) {
        return new ExternalTokens(null, command);
    }

    @Override
    public synchronized String token() {
        if (file != null) {
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                if (current == null || !modified.equals(readAt)) {
                    current = nonEmpty(Files.readString(file, StandardCharsets.UTF_8).strip(), "upstream.token_file " + file);
                    readAt = modified;
                }
            } catch (IOException e) {
                throw new UpstreamException.Alarm("token", null, "cannot read upstream.token_file " + file + ": " + e.getMessage());
            }
        } else if (current == null) {
            current = nonEmpty(run(), "upstream.token_command");
        }
        return current;
    }

    @Override
    public synchronized void invalidate(String stale) {
        if (stale != null && stale.equals(current)) {
            current = null;
        }
    }

    private String run() {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UpstreamException.Alarm("token", null, "upstream.token_command did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new UpstreamException.Alarm("token", null, "upstream.token_command exited with " + p.exitValue());
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UpstreamException.Alarm("token", null, "cannot run upstream.token_command: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException.Unavailable("token", null, "interrupted", e);
        }
    }

    private static String nonEmpty(String token, String source) {
        if (token.isEmpty()) {
            throw new UpstreamException.Alarm("token", null, source + " gave an empty token");
        }
        return token;
    }
}
