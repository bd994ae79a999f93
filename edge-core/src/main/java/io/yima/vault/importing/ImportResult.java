package io.yima.vault.importing;

import java.util.Locale;

/**
 * What an import did: {@code imported} codes were added; {@code alreadyPresent} identical codes were in the vault
 * already (a re-imported package adds nothing).
 */
public record ImportResult(long applicationId, long imported, long alreadyPresent, int files, double seconds) {

    /** The one-line summary the CLI prints. */
    public String summary() {
        if (imported == 0 && alreadyPresent > 0) {
            return "imported 0 codes into application " + applicationId + ": all " + alreadyPresent
                    + " codes were already in the vault";
        }
        String s = String.format(Locale.ROOT, "imported %d codes into application %d in %.2f s",
                imported, applicationId, seconds);
        return alreadyPresent > 0 ? s + " (" + alreadyPresent + " already in the vault)" : s;
    }
}
