package dev.hush.bootstrap.outbound;

import dev.hush.application.port.Mailer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default mailer: each message becomes an RFC 5322 {@code .eml} file (0600) under
 * {@code <data-dir>/outbox}, and the log says where, never what (messages carry single-use tokens).
 */
public final class OutboxMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxMailer.class);
    private final Path outbox;
    private final String from;

    public OutboxMailer(Path outbox, String from) {
        this.outbox = outbox;
        this.from = from;
    }

    @Override
    public void send(Mail mail) {
        if (mail.to().matches(".*[\\r\\n].*") || mail.subject().matches(".*[\\r\\n].*")) {
            throw new IllegalArgumentException("header injection");
        }
        String id = UUID.randomUUID().toString();
        String message = "From: " + from + "\r\n"
                + "To: " + mail.to() + "\r\n"
                + "Subject: " + mail.subject() + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + "Message-ID: <" + id + "@hush>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + mail.body().replace("\r\n", "\n").replace("\n", "\r\n");
        try {
            Files.createDirectories(outbox);
            Path file = outbox.resolve(System.currentTimeMillis() + "-" + id + ".eml");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, message, StandardCharsets.UTF_8);
            LOG.info("Mail to {} written to {}", mail.to(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the mail outbox " + outbox, e);
        }
    }
}
