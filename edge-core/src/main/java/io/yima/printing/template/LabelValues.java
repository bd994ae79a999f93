package io.yima.printing.template;

import io.yima.labeltext.FieldValues;
import java.time.LocalDate;

/**
 * What a label's fields print: the code's, the job's and the label's own values, and the day in the line's time zone.
 * A value the job does not have is null and prints as nothing.
 */
public record LabelValues(String code, String url, String sku, String batch, String title, String brand, String line,
                          String job, String item, long seq, LocalDate today)
        implements FieldValues {

    @Override
    public String field(String name) {
        return switch (name) {
            case "code" -> code;
            case "url" -> url;
            case "sku" -> sku;
            case "batch" -> batch;
            case "title" -> title;
            case "brand" -> brand;
            case "line" -> line;
            case "job" -> job;
            case "item" -> item;
            case "seq" -> seq > 0 ? Long.toString(seq) : null;
            default -> null;
        };
    }
}
