package dev.hush.domain.secret;

import java.util.Arrays;
import java.util.HexFormat;

/** An encrypted value envelope as stored in the database. Holds ciphertext only. */
public final class EncryptedValue {
    private final byte[] envelope;

    public EncryptedValue(byte[] envelope) { this.envelope = envelope.clone(); }

    public byte[] bytes() { return envelope.clone(); }

    /** The envelope's size in bytes. */
    public int length() { return envelope.length; }

    @Override
    public boolean equals(Object o) { return o instanceof EncryptedValue e && Arrays.equals(envelope, e.envelope); }

    @Override
    public int hashCode() { return Arrays.hashCode(envelope); }

    @Override
    public String toString() { return "EncryptedValue[" + envelope.length + " bytes, " + HexFormat.of().formatHex(envelope, 0, Math.min(4, envelope.length)) + "...]"; }
}
