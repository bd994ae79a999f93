package io.yima.opcua;

import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;

/**
 * The rework methods' inputs (UnpackCase, ReplaceItem, VoidCase, Repallet), bounded before anything reaches the
 * vault: a code is what a scanner read (a URL, a code, an SSCC in any form, a 361-cell matrix as 0/1 text), 1 to
 * {@link #MAX_CODE} visible characters; a reason is optional short text for the audit log.
 */
final class ReworkArguments {
    /** The longest code: a 361-cell matrix as 0/1 text (the status port's bound too). */
    static final int MAX_CODE = 400;
    static final int MAX_REASON = 200;
    static final int MAX_CASES = 9999;

    private ReworkArguments() {
    }

    static void count(Variant[] in, String method, int n, String names) throws JobArguments.BadArgument {
        if (in.length != n) {
            throw new JobArguments.BadArgument(method + " takes " + n + " argument" + (n == 1 ? "" : "s") + ": "
                    + names);
        }
    }

    static String code(Variant v, String name) throws JobArguments.BadArgument {
        String s = v.getValue() instanceof String t ? t.strip() : null;
        if (s == null || s.isEmpty()) {
            throw new JobArguments.BadArgument(name + ": a code is required");
        }
        if (s.length() > MAX_CODE) {
            throw new JobArguments.BadArgument(name + ": a code is at most " + MAX_CODE + " characters");
        }
        if (s.chars().anyMatch(c -> c <= 0x20 || c > 0x7E)) {
            throw new JobArguments.BadArgument(name + ": a code is visible ASCII, no space");
        }
        return s;
    }

    /** An optional reason: null when empty. */
    static String reason(Variant v) throws JobArguments.BadArgument {
        Object o = v.getValue();
        if (o == null || (o instanceof String s && s.isBlank())) {
            return null;
        }
        if (!(o instanceof String s) || s.length() > MAX_REASON || s.chars().anyMatch(Character::isISOControl)) {
            throw new JobArguments.BadArgument("Reason: text of at most " + MAX_REASON
                    + " characters, no control character, or empty");
        }
        return s.strip();
    }

    static int cases(Variant v) throws JobArguments.BadArgument {
        if (!(v.getValue() instanceof UInteger n) || n.longValue() > MAX_CASES) {
            throw new JobArguments.BadArgument("CaseCount: a UInt32 of 0 (all) to " + MAX_CASES);
        }
        return n.intValue();
    }
}
