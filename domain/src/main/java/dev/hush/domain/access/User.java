package dev.hush.domain.access;

import dev.hush.domain.Rejection;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** A person's account. {@code passwordHash} is an Argon2id PHC string, never a password. */
public record User(UUID id, String email, String name, String passwordHash, boolean platformAdmin, Instant createdAt) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}");

    public User {
        Objects.requireNonNull(id);
        Objects.requireNonNull(email);
        Objects.requireNonNull(passwordHash);
        Objects.requireNonNull(createdAt);
    }

    /**
     * The canonical form an address is stored and compared in: Unicode NFKC, lower case, trimmed, so
     * variants of one address are one account.
     */
    public static String normalizeEmail(String raw) {
        if (raw == null) {
            throw Rejection.invalid("email", "is required");
        }
        String email = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw Rejection.invalid("email", "must be an e-mail address");
        }
        return email;
    }

    @Override
    public String toString() { return "User[" + id + ", " + email + "]"; }
}
