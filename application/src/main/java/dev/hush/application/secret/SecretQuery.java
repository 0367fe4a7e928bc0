package dev.hush.application.secret;

import dev.hush.domain.Rejection;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.Tags;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which secrets of an environment a pull or key listing returns: all given tags, any of the given
 * keys, keys starting with {@code search} (case-sensitive), then a page.
 */
public record SecretQuery(List<String> tags, Set<String> keys, String search, Paging paging) {
    /** The most keys one query may name, as many as one bulk write may set. */
    public static final int MAX_KEYS = BulkImportSecrets.MAX_ENTRIES;
    public static final SecretQuery ALL = new SecretQuery(List.of(), Set.of(), "", Paging.ALL);

    public SecretQuery {
        tags = Tags.of("tags", tags == null ? List.of() : tags).values();
        if (keys != null && keys.size() > MAX_KEYS) {
            throw Rejection.invalid("keys", "name at most " + MAX_KEYS + " keys (or none, for all)");
        }
        keys = keys == null ? Set.of() : Set.copyOf(keys);
        for (String k : keys) {
            SecretKey.of("keys", k);
        }
        search = search == null ? "" : search;
        if (search.length() > 256) {
            throw Rejection.invalid("search", "must be at most 256 characters");
        }
        paging = paging == null ? Paging.ALL : paging;
    }

    Predicate<Secret> filter() {
        return s -> s.tags().containsAll(tags) && (keys.isEmpty() || keys.contains(s.key().value()));
    }
}
