package io.yima.vault;

import io.yima.line.ProductionLine;

/**
 * Made for {@code ArchitectureTest} only (test scope, never in the build's main classes): a vault class that
 * imports the line, against the layering, so the test can show the check failing on real bytecode.
 */
public final class UpwardImportFixture {
    ProductionLine line;

    private UpwardImportFixture() {
    }
}
