package dev.hush.domain.secret;

import dev.hush.domain.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A plaintext secret value: UTF-8, at most {@value #MAX_BYTES} bytes. Its bytes are wiped on
 * {@link #close()} (best effort on the JVM: strings made from it elsewhere are not), and it never
 * prints itself.
 */
public final class SecretValue implements AutoCloseable {
    public static final int MAX_BYTES = 64 * 1024;

    private final byte[] utf8;

    private SecretValue(byte[] utf8) { this.utf8 = utf8; }

    public static SecretValue of(String field, String text) {
        if (text == null) {
            throw Rejection.invalid(field, "is required");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ofUtf8(field, bytes);
    }

    /** Takes ownership of {@code bytes}. */
    public static SecretValue ofUtf8(String field, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            Arrays.fill(bytes, (byte) 0);
            throw Rejection.invalid(field, "must be at most 64 KiB of UTF-8");
        }
        if (ascii(bytes)) {
            return new SecretValue(bytes); // valid UTF-8 as it is, without a decoder and its buffer (most values)
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
        } catch (java.nio.charset.CharacterCodingException e) {
            Arrays.fill(bytes, (byte) 0);
            throw Rejection.invalid(field, "must be valid UTF-8");
        }
        return new SecretValue(bytes);
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the UTF-8 bytes; the caller wipes it. */
    public byte[] utf8() { return utf8.clone(); }

    public String text() { return new String(utf8, StandardCharsets.UTF_8); }

    /** Whether the value may hold a {@link References reference} ({@code ${}), tested on its bytes without making a String of it. */
    public boolean mayHoldReference() {
        for (int i = 0; i + 1 < utf8.length; i++) {
            if (utf8[i] == '$' && utf8[i + 1] == '{') {
                return true;
            }
        }
        return false;
    }

    /** The masked form shown in preview mode: at most the first 4 characters, then bullets. */
    public String preview() {
        String text = text();
        int shown = Math.min(4, text.codePointCount(0, text.length()) / 3);
        return text.substring(0, text.offsetByCodePoints(0, shown)) + "••••••";
    }

    /** Constant-time comparison of two values. */
    public boolean sameAs(SecretValue other) { return MessageDigest.isEqual(utf8, other.utf8); }

    @Override
    public void close() { Arrays.fill(utf8, (byte) 0); }

    @Override
    public String toString() { return "SecretValue[redacted]"; }
}
