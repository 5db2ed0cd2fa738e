package io.switchboard.shared;

/** A page of a list: {@code page} counts from 0; {@code size} is capped at {@value #MAX_SIZE}. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public PageRequest {
        if (page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (size < 1) {
            throw ProblemException.invalid("size", "must be 1 or more");
        }
        size = Math.min(size, MAX_SIZE);
    }

    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    public long offset() {
        return (long) page * size;
    }
}
