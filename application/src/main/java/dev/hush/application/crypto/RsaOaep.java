package dev.hush.application.crypto;

import dev.hush.application.port.KeyIntegrityException;
import dev.hush.domain.Rejection;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA-OAEP with SHA-256 <em>and</em> MGF1-SHA-256 — what WebCrypto's {@code RSA-OAEP}/{@code SHA-256} and
 * OpenSSL's {@code rsa_oaep_md:sha256} + {@code rsa_mgf1_md:sha256} produce. The parameters are always
 * passed explicitly: Java's {@code OAEPWithSHA-256AndMGF1Padding} alone would use MGF1-SHA-1.
 */
public final class RsaOaep {
    public static final String ALGORITHM = "RSA-OAEP-256";
    /** Organization key pairs: RSA-3072 (about 128-bit security). */
    public static final int ORG_KEY_BITS = 3072;
    public static final int MIN_CLIENT_BITS = 2048;
    public static final int MAX_CLIENT_BITS = 4096;
    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT);

    private RsaOaep() {}

    /** A fresh organization key pair (a few hundred milliseconds of CPU: call it outside transactions). */
    public static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(ORG_KEY_BITS);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable");
        }
    }

    public static byte[] encrypt(PublicKey key, byte[] plaintext) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.ENCRYPT_MODE, key, OAEP);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP encryption failed: " + e.getClass().getSimpleName());
        }
    }

    /** Empty when the ciphertext does not open under this key; the reason is never told apart. */
    public static java.util.Optional<byte[]> decrypt(PrivateKey key, byte[] ciphertext) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.DECRYPT_MODE, key, OAEP);
            return java.util.Optional.of(c.doFinal(ciphertext));
        } catch (GeneralSecurityException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    public static PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new KeyIntegrityException();
        }
    }

    /** SubjectPublicKeyInfo DER as a PEM "PUBLIC KEY" block (what WebCrypto imports as {@code spki}). */
    public static String pem(byte[] spki) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * A client's RSA public key from PEM: SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}) or PKCS#1
     * ({@code BEGIN RSA PUBLIC KEY}), 2048 to 4096 bits, odd public exponent ≥ 3. Anything else is a 400
     * naming {@code field}, without echoing the input.
     */
    public static RSAPublicKey parseClientKey(String field, String pem) {
        if (pem == null || pem.isBlank()) {
            throw Rejection.invalid(field, "is required: an RSA public key in PEM");
        }
        if (pem.length() > 8192) {
            throw invalidKey(field, "is too long for an RSA public key of at most " + MAX_CLIENT_BITS + " bits");
        }
        String text = pem.strip();
        boolean pkcs1 = text.startsWith("-----BEGIN RSA PUBLIC KEY-----") && text.endsWith("-----END RSA PUBLIC KEY-----");
        boolean spki = text.startsWith("-----BEGIN PUBLIC KEY-----") && text.endsWith("-----END PUBLIC KEY-----");
        if (!pkcs1 && !spki) {
            throw invalidKey(field, "must be a PEM block 'BEGIN PUBLIC KEY' (or 'BEGIN RSA PUBLIC KEY')");
        }
        String body = text.substring(text.indexOf("-----", 5) + 5, text.lastIndexOf("-----END"));
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw invalidKey(field, "is not valid base64 inside the PEM block");
        }
        RSAPublicKey key;
        try {
            if (pkcs1) {
                var rsa = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
                key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            } else {
                PublicKey k = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                if (!(k instanceof RSAPublicKey r)) {
                    throw invalidKey(field, "must be an RSA key");
                }
                key = r;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof Rejection r) {
                throw r;
            }
            throw invalidKey(field, "is not a valid RSA public key");
        }
        int bits = key.getModulus().bitLength();
        if (bits < MIN_CLIENT_BITS || bits > MAX_CLIENT_BITS) {
            throw invalidKey(field, "must be an RSA key of " + MIN_CLIENT_BITS + " to " + MAX_CLIENT_BITS + " bits (this one has " + bits + ")");
        }
        BigInteger e = key.getPublicExponent();
        if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0) || e.bitLength() > 256) {
            throw invalidKey(field, "has an unusable public exponent");
        }
        return key;
    }

    private static Rejection invalidKey(String field, String message) {
        return new Rejection(Rejection.Kind.INVALID, "invalid_public_key", "The public key is not usable: " + field + " " + message + ".",
                java.util.List.of(new Rejection.FieldError(field, message)));
    }
}
