package io.yima.config;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** "did you mean …" for a mistyped config key, and the keys that section does take. */
public final class KeySuggestion {
    private KeySuggestion() {
    }

    /** E.g. {@code "; did you mean 'heartbeat'? (keys here: bind, port, heartbeat)"}; "" when nothing is known. */
    public static String of(String typed, Collection<Object> known) {
        if (known == null || known.isEmpty()) {
            return "";
        }
        List<String> keys = known.stream().map(String::valueOf).sorted().toList();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : keys) {
            int d = distance(typed.toLowerCase(), k.toLowerCase());
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        String all = " (keys here: " + keys.stream().collect(Collectors.joining(", ")) + ")";
        return bestDistance <= Math.max(2, typed.length() / 3) ? "; did you mean '" + best + "'?" + all : all;
    }

    /** Levenshtein distance: edits (insert, delete, replace) from {@code a} to {@code b}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
