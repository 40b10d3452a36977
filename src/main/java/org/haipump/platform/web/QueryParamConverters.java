package org.haipump.platform.web;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.haipump.platform.json.StrictJson;
import org.haipump.platform.problem.Problem;
import org.haipump.platform.problem.ProblemType;
import org.haipump.platform.time.IsoTime;

/**
 * Parses typed query parameters so that a malformed value is a 400 naming the parameter, not the
 * 404 that JAX-RS answers by default for a query parameter it cannot convert.
 */
@Provider
public class QueryParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = Arrays.stream(annotations).filter(QueryParam.class::isInstance)
                .map(a -> ((QueryParam) a).value()).findFirst().orElse(null);
        if (name == null) {
            return null;
        }
        if (rawType == String.class) {
            return (ParamConverter<T>) strict(name, text -> {
                if (!StrictJson.isStorableText(text)) {
                    throw new IllegalArgumentException("Not storable text");
                }
                return text;
            }, "must not hold a NUL character or half of a surrogate pair");
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) strict(name, Integer::valueOf, "must be a whole number");
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) strict(name, UUID::fromString, "must be a UUID");
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) strict(name, IsoTime::instant,
                    "must be an ISO-8601 UTC instant such as 2026-11-26T10:00:00Z, in the years 0001 to 9999");
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            return (ParamConverter<T>) strict(name, value -> Enum.valueOf(type, value),
                    "must be one of " + Arrays.toString(rawType.getEnumConstants()));
        }
        return null;
    }

    private static <T> ParamConverter<T> strict(String name, Function<String, T> parse, String message) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isEmpty()) {
                    return null;
                }
                try {
                    return parse.apply(value);
                } catch (RuntimeException e) {
                    Problem problem = new Problem(ProblemType.VALIDATION, name + " " + message,
                            List.of(new Problem.FieldError(name, message)), null);
                    throw new WebApplicationException(
                            Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem).build());
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
