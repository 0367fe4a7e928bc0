package dev.hush.application.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The X25519 sealed-write form (Bouncy Castle's X25519 on the server) against a vector made with Python's
 * {@code cryptography} (OpenSSL) and against the JDK's own X25519 and AES-GCM, as the CLI seals. The
 * cross-check with libsodium runs over HTTP in X25519SealedWriteTest (bootstrap).
 */
class X25519SealedValueTest {
    static final HexFormat HEX = HexFormat.of();
    static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final byte[] AAD = X25519SealedValue.associatedData(ORG, "web", "prod", "DB_URL");

    /*
     * RFC 7748 §6.1 keys: the organization is Bob, the ephemeral key Alice's; nonce 00..0b. Made with
     *   python3: key = sha256(b"hush/seal/x25519/v1" + shared + alice_pub + bob_pub).digest()
     *            (nonce + AESGCM(key).encrypt(nonce, b"golden-x25519-value", aad)).hex()
     */
    static final String GOLDEN = "000102030405060708090a0b9135a86b6b39de7e50c907ff741f4af4713c744d408db1be3b81a09ad4af02a9993539";

    @Test
    void associatedData_namesOrganizationProjectEnvironmentAndKey() {
        assertThat(new String(AAD, StandardCharsets.UTF_8)).isEqualTo("hush/seal/x25519/v1|00000000-0000-0000-0000-000000000001|web|prod|DB_URL");
    }

    @Test
    void open_goldenVectorFromPython_givesTheValue() {
        byte[] plain = X25519SealedValue.open(X25519BoxTest.BOB_PRIVATE, X25519BoxTest.BOB_PUBLIC, X25519BoxTest.ALICE_PUBLIC,
                HEX.parseHex(GOLDEN), AAD).orElseThrow();
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("golden-x25519-value");
    }

    @Test
    void open_valueSealedByTheJdk_givesTheValue() throws Exception {
        X25519Box.KeyPair org = X25519Box.generate();
        byte[][] sealed = jdkSeal(org.publicKey(), "jdk-sealed-value".getBytes(StandardCharsets.UTF_8), AAD);
        assertThat(X25519SealedValue.open(org.privateKey(), org.publicKey(), sealed[0], sealed[1], AAD))
                .hasValueSatisfying(p -> assertThat(new String(p, StandardCharsets.UTF_8)).isEqualTo("jdk-sealed-value"));
    }

    @Test
    void seal_opensWithTheJdk() throws Exception {
        KeyPair org = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        byte[] orgRaw = raw(org);
        X25519SealedValue.Sealed sealed = X25519SealedValue.seal(orgRaw, "hush-sealed".getBytes(StandardCharsets.UTF_8), AAD);
        byte[] key = jdkKey(org, sealed.ephemeralPublicKey(), sealed.ephemeralPublicKey(), orgRaw);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] blob = sealed.encryptedValue();
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, blob, 0, 12));
        gcm.updateAAD(AAD);
        assertThat(new String(gcm.doFinal(blob, 12, blob.length - 12), StandardCharsets.UTF_8)).isEqualTo("hush-sealed");
    }

    @Test
    void open_withAnotherPlaceInTheAssociatedData_fails() {
        X25519Box.KeyPair org = X25519Box.generate();
        X25519SealedValue.Sealed sealed = X25519SealedValue.seal(org.publicKey(), "v".getBytes(StandardCharsets.UTF_8), AAD);
        for (byte[] other : new byte[][] {
                X25519SealedValue.associatedData(UUID.randomUUID(), "web", "prod", "DB_URL"),
                X25519SealedValue.associatedData(ORG, "api", "prod", "DB_URL"),
                X25519SealedValue.associatedData(ORG, "web", "dev", "DB_URL"),
                X25519SealedValue.associatedData(ORG, "web", "prod", "DB_URL2"),
                new byte[0]}) {
            assertThat(X25519SealedValue.open(org.privateKey(), org.publicKey(), sealed.ephemeralPublicKey(), sealed.encryptedValue(), other))
                    .as(new String(other, StandardCharsets.UTF_8)).isEmpty();
        }
        assertThat(X25519SealedValue.open(org.privateKey(), org.publicKey(), sealed.ephemeralPublicKey(), sealed.encryptedValue(), AAD)).isPresent();
    }

    @Test
    void open_withAnotherKeyTamperedOrMalformedInput_fails() {
        X25519Box.KeyPair org = X25519Box.generate();
        X25519Box.KeyPair otherOrg = X25519Box.generate();
        X25519SealedValue.Sealed sealed = X25519SealedValue.seal(org.publicKey(), "v".getBytes(StandardCharsets.UTF_8), AAD);
        byte[] epk = sealed.ephemeralPublicKey();
        byte[] ct = sealed.encryptedValue();

        assertThat(X25519SealedValue.open(otherOrg.privateKey(), otherOrg.publicKey(), epk, ct, AAD)).as("another organization's key").isEmpty();
        assertThat(X25519SealedValue.open(org.privateKey(), otherOrg.publicKey(), epk, ct, AAD)).as("the public key is in the KDF").isEmpty();
        for (int i = 0; i < ct.length; i++) {
            byte[] flipped = ct.clone();
            flipped[i] ^= 1;
            assertThat(X25519SealedValue.open(org.privateKey(), org.publicKey(), epk, flipped, AAD)).as("byte %d flipped", i).isEmpty();
        }
        byte[] otherEpk = epk.clone();
        otherEpk[3] ^= 1;
        assertThat(X25519SealedValue.open(org.privateKey(), org.publicKey(), otherEpk, ct, AAD)).as("ephemeral key changed").isEmpty();
        assertThat(X25519SealedValue.open(org.privateKey(), org.publicKey(), new byte[32], ct, AAD)).as("low-order point").isEmpty();
        assertThat(X25519SealedValue.open(org.privateKey(), org.publicKey(), new byte[31], ct, AAD)).as("short key").isEmpty();
        assertThat(X25519SealedValue.open(org.privateKey(), org.publicKey(), epk, Arrays.copyOf(ct, 27), AAD)).as("truncated").isEmpty();
        assertThat(X25519SealedValue.open(org.privateKey(), org.publicKey(), epk, new byte[0], AAD)).as("empty").isEmpty();
    }

    @Test
    void seal_usesAFreshEphemeralKeyAndNonceEachTime() {
        X25519Box.KeyPair org = X25519Box.generate();
        var a = X25519SealedValue.seal(org.publicKey(), "same".getBytes(StandardCharsets.UTF_8), AAD);
        var b = X25519SealedValue.seal(org.publicKey(), "same".getBytes(StandardCharsets.UTF_8), AAD);
        assertThat(a.ephemeralPublicKey()).isNotEqualTo(b.ephemeralPublicKey());
        assertThat(a.encryptedValue()).isNotEqualTo(b.encryptedValue());
    }

    /** The client side on the JDK alone: {ephemeral public key, nonce ‖ ciphertext ‖ tag}. */
    static byte[][] jdkSeal(byte[] orgPublicRaw, byte[] plaintext, byte[] aad) throws Exception {
        KeyPair ephemeral = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        byte[] ephemeralRaw = raw(ephemeral);
        byte[] key = jdkKey(ephemeral, orgPublicRaw, ephemeralRaw, orgPublicRaw);
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(aad);
        byte[] ct = gcm.doFinal(plaintext);
        byte[] out = Arrays.copyOf(nonce, 12 + ct.length);
        System.arraycopy(ct, 0, out, 12, ct.length);
        return new byte[][] {ephemeralRaw, out};
    }

    private static byte[] jdkKey(KeyPair mine, byte[] peerRaw, byte[] ephemeralRaw, byte[] orgRaw) throws Exception {
        KeyAgreement ka = KeyAgreement.getInstance("X25519");
        ka.init(mine.getPrivate());
        ka.doPhase(KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(HEX.parseHex("302a300506032b656e032100" + HEX.formatHex(peerRaw)))), true);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("hush/seal/x25519/v1".getBytes(StandardCharsets.US_ASCII));
        sha.update(ka.generateSecret());
        sha.update(ephemeralRaw);
        sha.update(orgRaw);
        return sha.digest();
    }

    private static byte[] raw(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }
}
