package io.yima.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answer to a void: how many codes became VOIDED, what the range held before, and - when codes of the range
 * were left alone - why, so "done (0)" is never the whole answer. Printed or bound codes are never voided: only
 * AVAILABLE ones are, and that rule is the usual reason.
 *
 * @param voided how many codes changed to VOIDED
 * @param states codes of the range per state before the void
 * @param reason why codes of the range were not voided; null when every code in it was voided
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VoidAnswer(long voided, Map<String, Long> states, String reason) {

    static VoidAnswer of(long voided, Map<String, Long> states) {
        long inRange = states.values().stream().mapToLong(Long::longValue).sum();
        String reason = null;
        if (inRange == 0) {
            reason = "the application has no codes in this range";
        } else if (voided < inRange) {
            String kept = states.entrySet().stream().filter(e -> !e.getKey().equals("AVAILABLE") && e.getValue() > 0)
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            reason = (voided == 0 ? "nothing voided: " : "")
                    + (kept.isEmpty() ? "codes were taken by a line meanwhile" : kept)
                    + " - only AVAILABLE codes are voided; printed or bound codes never are";
        }
        return new VoidAnswer(voided, states, reason);
    }
}
