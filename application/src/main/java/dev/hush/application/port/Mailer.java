package dev.hush.application.port;

/**
 * Sends e-mail (invites, and later verification and password reset). Implementations must not log a
 * message's body: it carries single-use tokens.
 */
public interface Mailer {
    void send(Mail mail);

    /** One plain-text message. */
    record Mail(String to, String subject, String body) {
        @Override
        public String toString() { return "Mail[to=" + to + ", subject=" + subject + "]"; }
    }
}
