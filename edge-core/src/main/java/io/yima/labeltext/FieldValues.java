package io.yima.labeltext;

import java.time.LocalDate;

/** The values a {@link FieldPattern} fills in: each field by name, and the day for the date fields. */
public interface FieldValues {
    /** The field's text ({@code sku}, {@code seq}, ...), or null when the label has none (it prints as nothing). */
    String field(String name);

    /** The day the date fields count from, in the line's time zone. */
    LocalDate today();
}
