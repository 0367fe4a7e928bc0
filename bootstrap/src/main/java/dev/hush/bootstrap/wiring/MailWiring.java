package dev.hush.bootstrap.wiring;

import dev.hush.application.port.Mailer;
import dev.hush.bootstrap.outbound.OutboxMailer;
import dev.hush.bootstrap.outbound.SmtpMailer;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Context;

/** Outgoing mail: files in the data dir's outbox by default, or SMTP. */
@Factory
final class MailWiring {
    /** Eager: {@code smtp} without a host stops the server at start, not at the first mail. */
    @Context
    Mailer mailer(MailSettings.Mail mail, MailSettings.Smtp smtp, CoreSettings core) {
        if ("smtp".equals(mail.provider())) {
            return new SmtpMailer(smtp.requiredHost(), smtp.port(), smtp.username(), smtp.password(), smtp.starttls(), mail.from());
        }
        return new OutboxMailer(core.dataPath().resolve("outbox"), mail.from());
    }
}
