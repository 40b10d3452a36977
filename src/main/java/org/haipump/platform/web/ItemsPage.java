package org.haipump.platform.web;

import java.util.List;
import java.util.function.Function;

/** A list response: {@code {"items": [...], "page": 0, "size": 50, "total": 123}}. */
public record ItemsPage<T>(List<T> items, int page, int size, long total) {

    public <R> ItemsPage<R> map(Function<T, R> mapper) {
        return new ItemsPage<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
