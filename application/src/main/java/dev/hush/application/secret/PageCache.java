package dev.hush.application.secret;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hush.application.port.Projects;
import dev.hush.application.port.Secrets;
import dev.hush.application.tenant.Tenancy;
import java.time.Duration;
import java.util.UUID;

/**
 * A node's cache of pull pages: the rows a query of an environment selects, with their current versions'
 * ciphertexts (never a value: decryption happens on every pull), kept under the environment revision they were read
 * at. A pull uses a page only when the revision its own lookup of the environment just read is the same: every
 * committed change of the environment increases it (triggers in the database, on every node's writes), so a change
 * acknowledged anywhere is seen by the next pull on every node, exactly as without the cache. It saves the pull's
 * largest statement and its rows' mapping, not the authorization: the caller's membership, role and the environment
 * are read on every request. Bounded by the ciphertext bytes it holds; a page unused for ten minutes is dropped.
 */
public final class PageCache {
    /** Rough bytes of a row besides its ciphertext (the secret's fields and the objects holding them). */
    private static final int ROW_OVERHEAD = 400;

    private record Key(UUID environment, SecretQuery query) {}

    private final Secrets secrets;
    private final Cache<Key, Secrets.ValuedPage> pages;

    /** {@code maxBytes}: the most ciphertext (and row overhead) held; 0 turns the cache off. */
    public PageCache(Secrets secrets, long maxBytes) {
        this.secrets = secrets;
        this.pages = Caffeine.newBuilder().maximumWeight(maxBytes).expireAfterAccess(Duration.ofMinutes(10))
                .<Key, Secrets.ValuedPage>weigher((k, page) -> weight(page)).build();
    }

    /** The page of {@code in}'s environment that {@code query} selects, from this node's cache when still current. */
    public Secrets.ValuedPage page(Tenancy.InEnv in, SecretQuery query) {
        Key key = new Key(in.env().id(), query);
        if (in.revision() != Projects.Placement.UNTRACKED) {
            Secrets.ValuedPage cached = pages.getIfPresent(key);
            if (cached != null && cached.revision() == in.revision()) {
                return cached;
            }
        }
        Secrets.ValuedPage page = secrets.liveValues(in.env().id(), query.search(), query.keys(), query.tags(), query.paging().offset(),
                query.paging().limit());
        if (page.revision() != Projects.Placement.UNTRACKED && !page.rows().isEmpty()) {
            // A slower request that read an older revision does not replace a newer page.
            pages.asMap().merge(key, page, (old, fresh) -> fresh.revision() >= old.revision() ? fresh : old);
        }
        return page;
    }

    private static int weight(Secrets.ValuedPage page) {
        long bytes = 0;
        for (Secrets.Valued v : page.rows()) {
            bytes += ROW_OVERHEAD + v.current().value().length();
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
