package io.yima.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a closed set of config words ({@code language: ZPL} or {@code zpl}) into its enum, in any letter case; any
 * other word is refused naming the words that are allowed, as the config writes them.
 */
public final class ConfigNames<E extends Enum<E>> extends StdScalarDeserializer<E> {
    private final Class<E> type;
    private final Function<E, String> name;
    /** What to say instead of the bare list of words, where the words need explaining; or null. */
    private final String explanation;

    private ConfigNames(Class<E> type, Function<E, String> name, String explanation) {
        super(type);
        this.type = type;
        this.name = name;
        this.explanation = explanation;
    }

    public static <E extends Enum<E>> ConfigNames<E> of(Class<E> type, Function<E, String> name) {
        return new ConfigNames<>(type, name, null);
    }

    public static <E extends Enum<E>> ConfigNames<E> of(Class<E> type) {
        return new ConfigNames<>(type, Enum::name, null);
    }

    /** Words refused with {@code explanation} (and the word given) rather than the list of allowed words. */
    public static <E extends Enum<E>> ConfigNames<E> explained(Class<E> type, Function<E, String> name, String explanation) {
        return new ConfigNames<>(type, name, explanation);
    }

    @Override
    public E deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            throw JsonMappingException.from(p, explanation != null ? explanation : "expected one of " + allowed());
        }
        String value = p.getText().strip();
        for (E e : type.getEnumConstants()) {
            if (name.apply(e).equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw JsonMappingException.from(p, explanation != null ? explanation + " (got '" + value + "')"
                : "'" + value + "' is not one of " + allowed());
    }

    private String allowed() {
        return Arrays.stream(type.getEnumConstants()).map(name).sorted(String.CASE_INSENSITIVE_ORDER)
                .collect(Collectors.joining(", "));
    }
}
