package dev.hush.bootstrap.wiring;

import dev.hush.domain.access.User;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code hush.*} settings of the whole server.
 *
 * @param dataDir     {@code HUSH_DATA_DIR} (the launcher's {@code --data-dir}): the embedded database, the local root key, the mail outbox
 * @param adminEmails {@code HUSH_ADMIN_EMAILS}: comma-separated addresses that are platform admins once verified
 */
@Context
@ConfigurationProperties("hush")
public record CoreSettings(@Bindable(defaultValue = "./hush-data") String dataDir, @Nullable String adminEmails) {
    public CoreSettings {
        InvalidSetting.require(dataDir != null && !dataDir.isBlank(), "HUSH_DATA_DIR must name a directory");
        adminEmails = adminEmails == null ? "" : adminEmails;
    }

    public Path dataPath() { return Path.of(dataDir); }

    /** The admin addresses, normalized as accounts store them. */
    public Set<String> adminEmailSet() {
        return Arrays.stream(adminEmails.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(User::normalizeEmail)
                .collect(Collectors.toSet());
    }
}
