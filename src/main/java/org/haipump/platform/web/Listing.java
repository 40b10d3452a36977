package org.haipump.platform.web;

import java.util.List;

/** A response that is a list of items, whatever else it carries. */
public interface Listing<T> {

    List<T> items();
}
