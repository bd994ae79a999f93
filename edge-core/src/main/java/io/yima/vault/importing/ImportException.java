package io.yima.vault.importing;

/**
 * A package was refused; nothing was imported. The message names the file (and line and field where there is
 * one) and never contains the key.
 */
public class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
