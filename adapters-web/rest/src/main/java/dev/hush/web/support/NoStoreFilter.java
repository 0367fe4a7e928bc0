package dev.hush.web.support;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Every answer may carry a secret or an identity: never cached, never sniffed, never framed; pages run only this server's code. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class NoStoreFilter {
    @ResponseFilter
    void headers(MutableHttpResponse<?> response) {
        apply(response);
    }

    /** The standard headers, also for the answers Micronaut makes before any filter runs (431, 414). */
    public static void apply(MutableHttpResponse<?> response) {
        response.getHeaders().set("Cache-Control", "no-store");
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("X-Frame-Options", "DENY");
        if (!response.getHeaders().contains("Referrer-Policy")) {
            // The dashboard's pages say same-origin (see dashboard/Pages): under no-referrer a browser sends
            // "Origin: null" with the pages' own form posts, which cannot be told from a cross-site one.
            response.getHeaders().set("Referrer-Policy", "no-referrer");
        }
        // The dashboard's pages: scripts and styles from this server only (no inline code), never framed.
        response.getHeaders().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    }
}
