package dev.hush.bootstrap.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Poliglot client made of libsodium itself (Debian's libsodium when installed, else the build bundled
 * in lazysodium-java), doing what Poliglot's published client does: X25519 ({@code crypto_scalarmult}),
 * BLAKE2b-256 ({@code crypto_generichash}, 32 bytes, unkeyed) of the shared secret, and
 * {@code crypto_aead_xchacha20poly1305_ietf} with a 24-byte nonce and no associated data; and a Hush client
 * sealing writes to the organization's X25519 key ({@link #sealForHush}). No Hush code.
 */
public final class Sodium {
    public static final com.goterl.lazysodium.Sodium LIB = new SodiumJava(LibraryLoader.Mode.PREFER_SYSTEM);

    static {
        assertThat(LIB.sodium_init()).isIn(0, 1);
    }

    private Sodium() {}

    public record KeyPair(byte[] secretKey, byte[] publicKey) {
        public String publicB64() { return Base64.getEncoder().encodeToString(publicKey); }
    }

    public record Sealed(String ciphertextB64, String nonceB64) {}

    public static KeyPair keyPair() {
        byte[] pk = new byte[32];
        byte[] sk = new byte[32];
        assertThat(LIB.crypto_box_keypair(pk, sk)).isZero();
        return new KeyPair(sk, pk);
    }

    public static byte[] sharedKey(byte[] secretKey, String peerPublicB64) {
        byte[] peer = Base64.getDecoder().decode(peerPublicB64);
        byte[] shared = new byte[32];
        assertThat(LIB.crypto_scalarmult(shared, secretKey, peer)).isZero();
        byte[] key = new byte[32];
        assertThat(LIB.crypto_generichash(key, 32, shared, 32, null, 0)).isZero();
        return key;
    }

    public static Sealed seal(byte[] key, byte[] plaintext) {
        byte[] nonce = new byte[24];
        LIB.randombytes_buf(nonce, 24);
        byte[] out = new byte[plaintext.length + 16];
        long[] outLen = new long[1];
        assertThat(LIB.crypto_aead_xchacha20poly1305_ietf_encrypt(out, outLen, plaintext, plaintext.length, null, 0, null, nonce, key)).isZero();
        Base64.Encoder b64 = Base64.getEncoder();
        return new Sealed(b64.encodeToString(Arrays.copyOf(out, (int) outLen[0])), b64.encodeToString(nonce));
    }

    /** Hush's X25519 sealed write, in base64: the ephemeral public key and nonce ‖ AES-256-GCM ciphertext ‖ tag. */
    public record HushSealed(String ephemeralPublicKeyB64, String encryptedValueB64) {}

    /**
     * Hush's X25519 sealed-write form (docs/api.md) made with libsodium alone: a fresh X25519 pair
     * ({@code crypto_box_keypair}), {@code crypto_scalarmult} with the organization's key, key =
     * {@code crypto_hash_sha256}("hush/seal/x25519/v1" ‖ shared ‖ ephemeral public ‖ organization public), and
     * {@code crypto_aead_aes256gcm} with a 12-byte random nonce and {@code associatedData} (UTF-8).
     */
    public static HushSealed sealForHush(String orgX25519PublicB64, byte[] plaintext, String associatedData) {
        assertThat(LIB.crypto_aead_aes256gcm_is_available()).as("libsodium's AES-256-GCM needs AES-NI or ARMv8 crypto").isEqualTo(1);
        byte[] orgPublic = Base64.getDecoder().decode(orgX25519PublicB64);
        KeyPair ephemeral = keyPair();
        byte[] shared = new byte[32];
        assertThat(LIB.crypto_scalarmult(shared, ephemeral.secretKey(), orgPublic)).isZero();
        byte[] domain = "hush/seal/x25519/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] input = new byte[domain.length + 96];
        System.arraycopy(domain, 0, input, 0, domain.length);
        System.arraycopy(shared, 0, input, domain.length, 32);
        System.arraycopy(ephemeral.publicKey(), 0, input, domain.length + 32, 32);
        System.arraycopy(orgPublic, 0, input, domain.length + 64, 32);
        byte[] key = new byte[32];
        assertThat(LIB.crypto_hash_sha256(key, input, input.length)).isZero();
        byte[] nonce = new byte[12];
        LIB.randombytes_buf(nonce, 12);
        byte[] ad = associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[plaintext.length + 16];
        long[] outLen = new long[1];
        assertThat(LIB.crypto_aead_aes256gcm_encrypt(out, outLen, plaintext, plaintext.length, ad, ad.length, null, nonce, key)).isZero();
        byte[] sealed = Arrays.copyOf(nonce, 12 + (int) outLen[0]);
        System.arraycopy(out, 0, sealed, 12, (int) outLen[0]);
        Base64.Encoder b64 = Base64.getEncoder();
        return new HushSealed(ephemeral.publicB64(), b64.encodeToString(sealed));
    }

    /** Null when libsodium refuses to open it. */
    public static byte[] open(byte[] key, String nonceB64, String ciphertextB64) {
        byte[] nonce = Base64.getDecoder().decode(nonceB64);
        byte[] ct = Base64.getDecoder().decode(ciphertextB64);
        if (nonce.length != 24 || ct.length < 16) {
            return null;
        }
        byte[] out = new byte[ct.length - 16];
        long[] outLen = new long[1];
        int rc = LIB.crypto_aead_xchacha20poly1305_ietf_decrypt(out, outLen, null, ct, ct.length, null, 0, nonce, key);
        return rc == 0 ? Arrays.copyOf(out, (int) outLen[0]) : null;
    }
}
