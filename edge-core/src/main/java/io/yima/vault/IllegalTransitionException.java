package io.yima.vault;

/** A mutation found a code in another state than the transition requires; the whole batch was rolled back. */
public class IllegalTransitionException extends IllegalStateException {
    private final CodeRef code;
    private final CodeState actual;

    public IllegalTransitionException(CodeRef code, String expected, CodeState actual) {
        super("code " + code.applicationId() + "/" + code.index() + " is "
                + (actual == null ? "not in the vault" : actual) + ", expected " + expected);
        this.code = code;
        this.actual = actual;
    }

    public CodeRef code() {
        return code;
    }

    /** The state found, or null when the code does not exist. */
    public CodeState actual() {
        return actual;
    }
}
