package io.yima.vault.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * Remembers where each index of an import came from, as runs of consecutive lines with consecutive indexes (one
 * run per well-formed file), so a conflict found by SQLite can still be reported as "file line N".
 */
final class LineMap {
    private record Run(long firstIndex, String file, int firstLine, int length) {
    }

    private final List<Run> runs = new ArrayList<>();
    private long nextIndex = -1;
    private String file;
    private int nextLine;
    private long runStart;
    private int runLine;

    void add(ParsedCode c) {
        if (c.index() != nextIndex || !c.file().equals(file) || c.line() != nextLine) {
            close();
            runStart = c.index();
            runLine = c.line();
            file = c.file();
        }
        nextIndex = c.index() + 1;
        nextLine = c.line() + 1;
    }

    private void close() {
        if (file != null) {
            runs.add(new Run(runStart, file, runLine, (int) (nextIndex - runStart)));
        }
    }

    /** "file line N" for the first line that carried this index in the import, or null. */
    String where(long index) {
        close();
        file = null;
        nextIndex = -1;
        for (Run r : runs) {
            if (index >= r.firstIndex() && index < r.firstIndex() + r.length()) {
                return r.file() + " line " + (r.firstLine() + (index - r.firstIndex()));
            }
        }
        return null;
    }
}
