package io.yima.status;

import java.util.List;
import java.util.Locale;

/**
 * Why a control of the status port was refused, as a stable code the dashboard words in the technician's language
 * (i18n.js {@code refusal_<code>}, with the named parameters filled in). Sent next to the English text, never
 * instead of it: {@code {"error":"no job NOPE","code":"no_job","params":{"job":"NOPE"}}}. A new constant needs
 * a Chinese and an English text (I18nTableTest fails without them).
 */
public enum RefusalCode {
    NO_JOB("job"), JOB_NOT_OPEN("job"), NO_LINE("line"), EMPTY_RANGE("from", "to"), LINE_REFUSED("refusal"), LINE_TIMEOUT("seconds"), INTERRUPTED(),
    TOKEN_REQUIRED(), CONTROLS_DISABLED(), LOCKED_OUT("seconds"),
    BODY_NOT_JSON(), BODY_NOT_OBJECT(), FIELD_NOT_COUNT("field"), RANGE_REVERSED();

    private final List<String> params;

    RefusalCode(String... params) {
        this.params = List.of(params);
    }

    /** The code on the wire and in the i18n key: {@code no_job}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The parameters its sentence names, in the order the factories take them. */
    public List<String> params() {
        return params;
    }
}
