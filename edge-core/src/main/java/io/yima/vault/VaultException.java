package io.yima.vault;

/** The vault could not do its job (SQLite failure, bad database file); the message is safe to show. */
public class VaultException extends RuntimeException {
    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }

    public VaultException(String message) {
        super(message);
    }
}
