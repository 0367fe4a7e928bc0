package dev.hush.bootstrap.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code hush.kms.*}: which root-key provider the server opens (its own settings, {@code hush.kms.<type>.*}, are
 * declared by the provider and read by the KMS host).
 *
 * @param provider     {@code HUSH_KMS_PROVIDER}: {@code local}, {@code aws}, {@code gcp}, {@code vault} or a plugin's id
 * @param startupCheck refuse to start with a root key that did not wrap the stored keys ({@code hush kms} turns it off)
 * @param allowCreate  let the local provider create a key file although keys are stored ({@code hush kms migrate})
 */
@Context
@ConfigurationProperties("hush.kms")
public record KmsSettings(@Bindable(defaultValue = "local") String provider, @Bindable(defaultValue = "true") boolean startupCheck,
                          @Bindable(defaultValue = "false") boolean allowCreate) {
    public KmsSettings {
        InvalidSetting.require(provider != null && provider.matches("[a-z][a-z0-9-]*"),
                "HUSH_KMS_PROVIDER must be a provider id such as local, aws, gcp or vault, not '" + provider + "'");
    }
}
