package org.haipump.cycle;

import java.util.function.Function;

/** The answer of a rule: allowed, with what follows from it, or refused, with why. */
public sealed interface Decision<T> {

    record Allowed<T>(T value) implements Decision<T> {
    }

    record Refused<T>(Refusal refusal) implements Decision<T> {
    }

    static <T> Decision<T> allow(T value) {
        return new Allowed<>(value);
    }

    static <T> Decision<T> refuse(Refusal refusal) {
        return new Refused<>(refusal);
    }

    /** The allowed value, or the refusal turned into an exception by the caller's mapping. */
    default <X extends RuntimeException> T orElseThrow(Function<Refusal, X> toException) {
        if (this instanceof Allowed<T> allowed) {
            return allowed.value();
        }
        throw toException.apply(((Refused<T>) this).refusal());
    }
}
