package dev.hush.application.secret;

import dev.hush.domain.Rejection;
import java.util.List;
import java.util.Optional;

/** Optional pagination: {@code limit} 1..500 (absent = everything), {@code offset} >= 0. */
public record Paging(Optional<Integer> limit, int offset) {
    public static final Paging ALL = new Paging(Optional.empty(), 0);

    public static Paging of(Integer limit, Integer offset) {
        if (limit != null && (limit < 1 || limit > 500)) {
            throw Rejection.invalid("limit", "must be between 1 and 500");
        }
        if (offset != null && offset < 0) {
            throw Rejection.invalid("offset", "must be >= 0");
        }
        return new Paging(Optional.ofNullable(limit), offset == null ? 0 : offset);
    }

    public <T> List<T> apply(List<T> all) {
        int from = Math.min(offset, all.size());
        int to = limit.map(l -> Math.min(all.size(), from + l)).orElse(all.size());
        return all.subList(from, to);
    }

    /** What the response reports when a limit was given: {@code {limit, offset, total}}. */
    public record Info(int limit, int offset, int total) {}

    public Optional<Info> info(int total) { return limit.map(l -> new Info(l, offset, total)); }
}
