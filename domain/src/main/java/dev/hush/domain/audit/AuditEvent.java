package dev.hush.domain.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One audit event at position {@code seq} of a chain (an organization's, or the platform's). Its
 * {@link #hash} is SHA-256 over the previous hash and every field, each length-prefixed, so an edited,
 * inserted or removed event is detected by {@link #verify}. Never holds a value, token or password.
 */
public record AuditEvent(UUID chain, long seq, Instant at, Optional<UUID> actorUser, Optional<UUID> actorToken, String action,
                         String resource, String result, String clientIp, String userAgent, String detail, String prevHash, String hash) {
    /** The chain of events that belong to no organization (logins, registrations, deleted organizations). */
    public static final UUID PLATFORM = new UUID(0, 0);
    public static final String GENESIS = "0".repeat(64);

    public AuditEvent {
        Objects.requireNonNull(chain);
        Objects.requireNonNull(at);
        Objects.requireNonNull(actorUser);
        Objects.requireNonNull(actorToken);
        Objects.requireNonNull(action);
        Objects.requireNonNull(resource);
        Objects.requireNonNull(result);
        Objects.requireNonNull(prevHash);
        Objects.requireNonNull(hash);
    }

    /** What a use case reports; the chain position and hashes are added when it is appended. */
    public record Entry(Optional<UUID> actorUser, Optional<UUID> actorToken, String action, String resource, String result,
                        String clientIp, String userAgent, String detail) {
        public Entry {
            Objects.requireNonNull(actorUser);
            Objects.requireNonNull(actorToken);
            resource = clip(resource, 600);
            clientIp = clientIp == null ? null : clip(clientIp, 64);
            userAgent = userAgent == null ? null : clip(userAgent, 256);
            detail = detail == null ? null : clip(detail, 4000);
        }

        private static String clip(String s, int max) { return s.length() <= max ? s : s.substring(0, max); }
    }

    /** Appends {@code entry} after an event with {@code prevSeq} and {@code prevHash} (0 and {@link #GENESIS} for the first). */
    public static AuditEvent append(UUID chain, long prevSeq, String prevHash, Instant at, Entry e) {
        long seq = prevSeq + 1;
        String hash = hash(chain, seq, at, e.actorUser(), e.actorToken(), e.action(), e.resource(), e.result(), e.clientIp(),
                e.userAgent(), e.detail(), prevHash);
        return new AuditEvent(chain, seq, at, e.actorUser(), e.actorToken(), e.action(), e.resource(), e.result(), e.clientIp(),
                e.userAgent(), e.detail(), prevHash, hash);
    }

    /** Whether this event's hash matches its fields and {@code expectedPrev}. */
    public boolean verify(String expectedPrev) {
        return prevHash.equals(expectedPrev) && hash.equals(hash(chain, seq, at, actorUser, actorToken, action, resource, result,
                clientIp, userAgent, detail, prevHash));
    }

    private static String hash(UUID chain, long seq, Instant at, Optional<UUID> user, Optional<UUID> token, String action,
                               String resource, String result, String ip, String ua, String detail, String prev) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] {prev, chain.toString(), Long.toString(seq), at.toString(),
                    user.map(UUID::toString).orElse(""), token.map(UUID::toString).orElse(""), action, resource, result,
                    ip == null ? "" : ip, ua == null ? "" : ua, detail == null ? "" : detail}) {
                byte[] b = field.getBytes(StandardCharsets.UTF_8);
                sha.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length});
                sha.update(b);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
