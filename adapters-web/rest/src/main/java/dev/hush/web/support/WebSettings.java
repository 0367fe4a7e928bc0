package dev.hush.web.support;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/** The HTTP adapter's settings, typed, one default each. */
public final class WebSettings {
    private WebSettings() {}

    /**
     * @param publicUrl      {@code HUSH_PUBLIC_URL}: the server's address as users reach it; unset, the address it listens on
     * @param trustedProxies {@code HUSH_TRUSTED_PROXIES}: CIDRs of reverse proxies whose {@code X-Forwarded-For} is believed
     */
    @Context
    @ConfigurationProperties("hush")
    public record Addresses(@Nullable String publicUrl, @Nullable String trustedProxies) {
        public Addresses {
            publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
            trustedProxies = trustedProxies == null ? "" : trustedProxies;
            if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^\\s/]+(/\\S*)?")) {
                throw new IllegalArgumentException("HUSH_PUBLIC_URL must be an http(s) address such as https://hush.example.com, not '"
                        + publicUrl + "'");
            }
        }
    }

    /** @param secure {@code HUSH_COOKIE_SECURE}: users reach this server over https (TLS ends at a proxy in front of it) */
    @Context
    @ConfigurationProperties("hush.cookie")
    public record Cookie(@Bindable(defaultValue = "false") boolean secure) {}

    /**
     * {@code HUSH_HTTP_HEADER_TIMEOUT}, {@code HUSH_HTTP_BODY_TIMEOUT}, {@code HUSH_HTTP_MAX_CONNECTIONS_PER_ADDRESS} (0: no cap).
     */
    @Context
    @ConfigurationProperties("hush.http")
    public record Http(@Bindable(defaultValue = "20s") Duration headerTimeout, @Bindable(defaultValue = "60s") Duration bodyTimeout,
                       @Bindable(defaultValue = "256") int maxConnectionsPerAddress) {
        public Http {
            if (headerTimeout.isNegative() || headerTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
                throw new IllegalArgumentException("HUSH_HTTP_HEADER_TIMEOUT and HUSH_HTTP_BODY_TIMEOUT must be positive durations");
            }
            if (maxConnectionsPerAddress < 0) {
                throw new IllegalArgumentException("HUSH_HTTP_MAX_CONNECTIONS_PER_ADDRESS must be 0 (no cap) or more");
            }
        }
    }

    /** @param token {@code HUSH_METRICS_TOKEN}: the monitoring bearer token, unset by default */
    @Context
    @ConfigurationProperties("hush.metrics")
    public record Metrics(@Nullable String token) {
        @Override
        public String toString() { return "Metrics[token=" + (token == null ? "unset" : "set") + "]"; }
    }
}
