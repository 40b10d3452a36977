package org.haipump.platform.web;

import java.util.List;

/** A short list that cannot grow much: {@code {"items": [...]}}. */
public record Items<T>(List<T> items) implements Listing<T> {
}
