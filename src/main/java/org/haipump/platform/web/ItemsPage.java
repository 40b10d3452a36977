package org.haipump.platform.web;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import java.util.List;
import java.util.function.Function;

/** A list response: {@code {"items": [...], "page": 0, "size": 50, "total": 123}}. */
public record ItemsPage<T>(List<T> items, int page, int size, long total) implements Listing<T> {

    /** The requested page of a query, each row mapped to its response. */
    public static <E, R> ItemsPage<R> of(PanacheQuery<E> query, PageRequest page, Function<E, R> mapper) {
        return ofRows(query, page, rows -> rows.stream().map(mapper).toList());
    }

    /** The requested page of a query, its rows mapped together (when a mapping loads more per page). */
    public static <E, R> ItemsPage<R> ofRows(PanacheQuery<E> query, PageRequest page, Function<List<E>, List<R>> mapper) {
        List<R> items = mapper.apply(query.page(page.page, page.size).list());
        return new ItemsPage<>(items, page.page, page.size, query.count());
    }
}
