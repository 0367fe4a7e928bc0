package dev.hush.application.secret;

import dev.hush.domain.Rejection;
import java.util.function.Supplier;

/** Retrying write transactions that lost a race. */
public final class Retries {
    private Retries() {}

    /**
     * Runs a write transaction again (at most three times) when it lost a race that the database
     * reported as a conflict, such as two first sets of one new key; the losing attempt was rolled back.
     */
    public static <T> T onConflict(Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (Rejection r) {
                if (r.kind() != Rejection.Kind.CONFLICT || !"conflict".equals(r.code()) || i == 3) {
                    throw r;
                }
            }
        }
    }
}
