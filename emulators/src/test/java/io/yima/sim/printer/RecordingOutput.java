package io.yima.sim.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Collects what a parser delivers, for assertions. */
final class RecordingOutput implements ParserOutput {
    final List<LabelJob> jobs = new ArrayList<>();
    final List<StatusQuery> queries = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<String> controls = new ArrayList<>();

    @Override
    public void job(LabelJob job) {
        jobs.add(job);
    }

    @Override
    public void query(StatusQuery query) {
        queries.add(query);
    }

    @Override
    public void error(String what) {
        errors.add(what);
    }

    @Override
    public void control(String command) {
        controls.add(command);
    }

    /** A comparable summary: jobs (raster digest, texts, symbols, copies), queries, error count. */
    String summary() {
        StringBuilder sb = new StringBuilder();
        for (LabelJob j : jobs) {
            sb.append(j.raster().width()).append('x').append(j.raster().height()).append(' ')
                    .append(j.raster().digest()).append(j.texts()).append(j.symbolData()).append('*')
                    .append(j.copies()).append('\n');
        }
        return sb.append(queries).append(controls).append(" errors=").append(errors.size()).toString();
    }

    /** Parses the stream whole, then split in two at every position; every split must give the same result. */
    static RecordingOutput assertEverySplitParsesLikeTheWhole(PrinterLanguage language, byte[] bytes) {
        RecordingOutput whole = new RecordingOutput();
        language.newParser(whole).feed(bytes, 0, bytes.length);
        for (int split = 1; split < bytes.length; split++) {
            RecordingOutput part = new RecordingOutput();
            StreamParser p = language.newParser(part);
            p.feed(bytes, 0, split);
            p.feed(bytes, split, bytes.length - split);
            assertThat(part.summary()).as("split at %d", split).isEqualTo(whole.summary());
        }
        return whole;
    }
}
