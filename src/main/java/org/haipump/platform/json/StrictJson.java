package org.haipump.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import org.haipump.platform.time.IsoTime;

/**
 * Request bodies are read strictly: a value of the wrong JSON type, a malformed or out-of-range date
 * or instant, text PostgreSQL cannot store, a member given twice or anything after the document is
 * a 400 naming the field, never a value guessed. Jackson's defaults would store {@code 42} as the
 * text "42", read {@code "30"} as 30 and {@code 0} as the first enum constant, take an epoch number
 * or {@code [2026,2,1]} as a date, keep the last of two equal members and ignore trailing garbage.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Last, so that these deserializers replace the ones of the modules Quarkus registers. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // Numbers from numbers only (an integer still reads as a decimal: 30 is 30.0); booleans from booleans.
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        // "" is no UUID (Jackson would read it as null, as if the field were absent).
        mapper.coercionConfigFor(LogicalType.OtherScalar)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("strict-json")
                .addDeserializer(String.class, new StorableText())
                .addDeserializer(Instant.class, new FromString<>(Instant.class, IsoTime::instant))
                .addDeserializer(LocalDate.class, new FromString<>(LocalDate.class, IsoTime::date)));
    }

    /** A JSON string, and nothing PostgreSQL would refuse (NUL) or silently replace (half a surrogate pair). */
    static final class StorableText extends StdScalarDeserializer<String> {

        StorableText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            if (!isStorableText(text)) {
                return (String) context.handleWeirdStringValue(String.class, text,
                        "holds a NUL character or half of a surrogate pair");
            }
            return text;
        }
    }

    /** Whether PostgreSQL stores the text as it is: no NUL, no half of a surrogate pair. */
    public static boolean isStorableText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A value parsed from a JSON string, and only from a string. */
    static final class FromString<T> extends StdScalarDeserializer<T> {

        private final transient Function<String, T> parse;

        FromString(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            try {
                return parse.apply(text);
            } catch (DateTimeException e) {
                return (T) context.handleWeirdStringValue(handledType(), text, "is not ISO-8601 with a year 0001-9999");
            }
        }
    }
}
