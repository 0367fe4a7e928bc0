package dev.hush.web.support;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code HUSH_METRICS_TOKEN}: an optional static bearer token for monitoring. When set, {@code /metrics}
 * needs it, and it also shows {@code /health}'s details (which a platform admin's own credential shows too,
 * but that needs the database, and the details matter most when the database is down).
 */
@Singleton
public final class OperatorToken {
    private final byte[] expected;

    OperatorToken(WebSettings.Metrics settings) {
        String token = settings.token();
        this.expected = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
    }

    public boolean configured() { return expected != null; }

    /** The request carries {@code Authorization: Bearer <token>}; compared in constant time. */
    public boolean presentedBy(HttpRequest<?> request) {
        if (expected == null) {
            return false;
        }
        String header = request.getHeaders().getAuthorization().orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }
}
