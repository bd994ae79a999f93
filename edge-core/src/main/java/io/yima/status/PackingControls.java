package io.yima.status;

import java.util.Optional;

/**
 * The packing hierarchy as the status port sees it: a handheld's or warehouse system's question "what is in this
 * case, which case holds this item" and the technician's rework (unpack, replace a child, void a case). Answers
 * are JSON-ready objects. Every call may touch the vault: the status port runs it on its blocking pool. A refused
 * rework throws {@link Refused}.
 */
public interface PackingControls {

    /** The code's place in the hierarchy ({@code parent}, {@code unit} with its children); empty if unknown. */
    Optional<Object> tree(String code);

    Object unpack(String code, String operator, String reason);

    Object replace(String code, String oldChild, String newChild, String operator);

    Object voidCase(String code, String operator, String reason);

    /** An edge without packing: every call is refused as not available. */
    PackingControls NONE = new PackingControls() {
        @Override
        public Optional<Object> tree(String code) {
            throw unavailable();
        }

        @Override
        public Object unpack(String code, String operator, String reason) {
            throw unavailable();
        }

        @Override
        public Object replace(String code, String oldChild, String newChild, String operator) {
            throw unavailable();
        }

        @Override
        public Object voidCase(String code, String operator, String reason) {
            throw unavailable();
        }

        private Refused unavailable() {
            return new Refused("UNAVAILABLE", false, "this edge does not serve the packing hierarchy");
        }
    };

    /**
     * A refused rework, with the vault's reason ({@code ON_PALLET}, {@code NOT_A_CHILD}, …) and words for the
     * technician; {@code notFound} when the case itself is unknown (404), else 409.
     */
    final class Refused extends RuntimeException {
        private final String reason;
        private final boolean notFound;

        public Refused(String reason, boolean notFound, String message) {
            super(message);
            this.reason = reason;
            this.notFound = notFound;
        }

        public String reason() {
            return reason;
        }

        public boolean notFound() {
            return notFound;
        }
    }
}
