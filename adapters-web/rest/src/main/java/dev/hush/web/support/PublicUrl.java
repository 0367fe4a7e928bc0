package dev.hush.web.support;

import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * The server's address as users reach it, for links in mails, the CLI handoff and billing redirects:
 * {@code HUSH_PUBLIC_URL} when set (without a trailing slash), else the address the server actually listens
 * on (its real port, also when it was chosen at random). One setting, one default, no placeholder default
 * (Micronaut cuts {@code ${key:http://host:port}} at its colons).
 */
@Singleton
public final class PublicUrl implements Supplier<String> {
    private final String configured;
    private final BeanProvider<EmbeddedServer> server;
    private volatile String resolved;

    PublicUrl(WebSettings.Addresses addresses, BeanProvider<EmbeddedServer> server) {
        this.configured = addresses.publicUrl();
        this.server = server;
    }

    @Override
    public String get() {
        String url = resolved;
        if (url == null) {
            url = configured.isEmpty() ? server.get().getURL().toString().replaceAll("/+$", "") : configured;
            resolved = url;
        }
        return url;
    }
}
