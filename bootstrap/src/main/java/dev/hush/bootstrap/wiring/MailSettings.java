package dev.hush.bootstrap.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/** Outgoing mail: {@code hush.mail.*} and, with {@code smtp}, {@code hush.smtp.*}. */
public final class MailSettings {
    private MailSettings() {}

    /**
     * @param provider {@code HUSH_MAIL_PROVIDER}: {@code outbox} ({@code .eml} files in {@code <data-dir>/outbox}) or {@code smtp}
     * @param from     {@code HUSH_MAIL_FROM}: the sender address
     */
    @Context
    @ConfigurationProperties("hush.mail")
    public record Mail(@Bindable(defaultValue = "outbox") String provider, @Bindable(defaultValue = "hush@localhost") String from) {
        public Mail {
            InvalidSetting.require("outbox".equals(provider) || "smtp".equals(provider),
                    "HUSH_MAIL_PROVIDER must be outbox or smtp, not '" + provider + "'");
        }
    }

    /** {@code HUSH_SMTP_HOST}, {@code _PORT}, {@code _USERNAME}, {@code _PASSWORD}, {@code _STARTTLS} (required unless false). */
    @Context
    @ConfigurationProperties("hush.smtp")
    public record Smtp(@Nullable String host, @Bindable(defaultValue = "587") int port, @Nullable String username,
                       @Nullable String password, @Bindable(defaultValue = "true") boolean starttls) {
        public Smtp {
            InvalidSetting.require(port >= 1 && port <= 65535, "HUSH_SMTP_PORT must be a port number, not " + port);
            username = username == null ? "" : username;
            password = password == null ? "" : password;
        }

        @Override
        public String toString() { return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", starttls=" + starttls + "]"; }

        /** The host, required once SMTP is chosen. */
        public String requiredHost() {
            InvalidSetting.require(host != null && !host.isBlank(), "HUSH_MAIL_PROVIDER=smtp needs HUSH_SMTP_HOST");
            return host;
        }
    }
}
