package io.yima.vault;

import java.util.List;
import java.util.Map;

/** Stock per application. */
public record VaultStats(List<ApplicationStats> applications) {

    /**
     * @param states     count per {@link CodeState}, every state present (0 when none)
     * @param activation count per activation state ({@code PENDING, QUEUED, ACTIVATED, FAILED}), every key present
     */
    public record ApplicationStats(long applicationId, long total, Map<CodeState, Long> states,
                                   Map<String, Long> activation) {
    }
}
