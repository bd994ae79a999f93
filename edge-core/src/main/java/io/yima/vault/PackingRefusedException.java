package io.yima.vault;

/** A rework (unpack, replace, void) the vault refused; nothing changed. The message is for a technician. */
public final class PackingRefusedException extends VaultException {
    private final PackRefusal reason;

    public PackingRefusedException(PackRefusal reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PackRefusal reason() {
        return reason;
    }
}
