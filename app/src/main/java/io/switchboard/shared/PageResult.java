package io.switchboard.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list answer: {@code {"items", "page", "size", "total"}}. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    public <R> PageResult<R> map(Function<? super T, ? extends R> mapper) {
        return new PageResult<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}
