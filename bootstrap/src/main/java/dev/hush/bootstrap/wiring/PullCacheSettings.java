package dev.hush.bootstrap.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The node's cache of pull pages ({@code hush.pull-cache.*}): ciphertexts of environments' rows, each kept under the
 * environment's revision and used only while it is current ({@link dev.hush.application.secret.PageCache}).
 *
 * @param maxMb {@code HUSH_PULL_CACHE_MAX_MB}: megabytes of cached rows (ciphertext and overhead); 0 turns it off
 */
@Context
@ConfigurationProperties("hush.pull-cache")
public record PullCacheSettings(@Bindable(defaultValue = "64") int maxMb) {
    public PullCacheSettings {
        InvalidSetting.require(maxMb >= 0 && maxMb <= 65_536, "HUSH_PULL_CACHE_MAX_MB must be between 0 and 65536, not " + maxMb);
    }
}
