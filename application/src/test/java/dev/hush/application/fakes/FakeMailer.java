package dev.hush.application.fakes;

import dev.hush.application.port.Mailer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the mails it is given (mail is not transactional: a mail sent in a rolled-back transaction stays sent). */
public final class FakeMailer implements Mailer {
    private final List<Mail> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(Mail mail) { sent.add(mail); }

    public List<Mail> sent() { return List.copyOf(sent); }

    /** The single-use token in a mail's body (43 base64url characters after {@code token=} or {@code /invites/} in its link). */
    public static String tokenIn(Mail mail) {
        var m = java.util.regex.Pattern.compile("(?:[?&]token=|/invites/)([A-Za-z0-9_-]{43})").matcher(mail.body());
        if (!m.find()) {
            throw new AssertionError("no token in the mail");
        }
        return m.group(1);
    }
}
