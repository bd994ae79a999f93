package io.yima.vault.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One input to an import: a name for error messages and a way to open its bytes. The form (base64 text, raw
 * encrypted bytes, zip, applycodedownload JSON) is detected from the content.
 */
public record NamedInput(String name, Source source) {

    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public static NamedInput of(Path file) {
        return new NamedInput(file.getFileName().toString(), () -> Files.newInputStream(file));
    }

    public static NamedInput of(String name, byte[] content) {
        return new NamedInput(name, () -> new ByteArrayInputStream(content));
    }

    /** A downloaded {@code buffer} (base64 text) passed straight in, no temporary file. */
    public static NamedInput ofBase64(String name, String base64) {
        return of(name, base64.getBytes(StandardCharsets.US_ASCII));
    }
}
